/**
 * Errors the store throws. Each carries a stable `code` so a door (IPC, HTTP, CLI) can map it
 * to its reply envelope without matching on message text.
 */

/** A write was attempted on a store opened read-only; `message` says why it is read-only. */
export class ReadOnlyStoreError extends Error {
  readonly code = 'read_only';
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ReadOnlyStoreError';
  }
}

/** A run or experiment id that is not in the database. */
export class NotFoundError extends Error {
  readonly code = 'not_found';
  constructor(
    readonly entity: 'run' | 'experiment' | 'study run',
    readonly id: string,
  ) {
    super(`No ${entity} with id ${id}`);
    this.name = 'NotFoundError';
  }
}

/** An argument failed validation; `field` is the dotted path of the offending field. */
export class InvalidArgumentError extends Error {
  readonly code = 'invalid_argument';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidArgumentError';
  }
}

/** A state change that the run's current status does not allow (e.g. finishing a finished run). */
export class RunStateError extends Error {
  readonly code = 'invalid_state';
  constructor(message: string) {
    super(message);
    this.name = 'RunStateError';
  }
}

/** A migration file failed; nothing of the pending migrations was applied. */
export class MigrationError extends Error {
  readonly code = 'migration_failed';
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Migration ${file} failed: ${message}`, options);
    this.name = 'MigrationError';
  }
}
