/** Which database the CLI opens: --db, else $GRADIENT_WORKBENCH_DB, else the user's data folder. */
import { defaultDatabasePath, openStore, type RunStore } from '../store/index.ts';

export function resolveDbPath(flag: string | undefined): string {
  return flag ?? defaultDatabasePath();
}

export function openCliStore(flag: string | undefined, o: { write: boolean }): RunStore {
  const store = openStore(resolveDbPath(flag));
  if (store.readOnly && o.write) throw new CliError(store.readOnlyReason ?? 'the database is read-only', 1);
  if (store.readOnly) process.stderr.write(`note: ${store.readOnlyReason}\n`);
  if (store.backupPath)
    process.stderr.write(`note: database migrated; the previous file was copied to ${store.backupPath}\n`);
  if (store.interruptedOnOpen)
    process.stderr.write(
      `note: ${store.interruptedOnOpen} run(s) left running by a process that died are now marked interrupted\n`,
    );
  return store;
}

/** An error the CLI reports in one line (no stack) with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export const EXIT = { ok: 0, runFailed: 1, badInput: 2, cancelled: 130 } as const;
