/**
 * One-line, actionable messages for a database that cannot be opened or written: damaged, not a
 * database, read-only, on a full disk, missing. A door shows the message as it is (no stack);
 * `fix` says what to do.
 */
export type DatabaseProblem = 'corrupt' | 'read_only' | 'disk_full' | 'missing' | 'cannot_open';

export class DatabaseError extends Error {
  readonly code = 'database';
  constructor(
    readonly problem: DatabaseProblem,
    readonly path: string,
    message: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} ${fix}`, options);
    this.name = 'DatabaseError';
  }
}

const CODES: Record<string, DatabaseProblem> = {
  SQLITE_CORRUPT: 'corrupt',
  SQLITE_NOTADB: 'corrupt',
  SQLITE_READONLY: 'read_only',
  SQLITE_READONLY_DIRECTORY: 'read_only',
  SQLITE_READONLY_DBMOVED: 'read_only',
  SQLITE_PERM: 'read_only',
  EACCES: 'read_only',
  EPERM: 'read_only',
  EROFS: 'read_only',
  SQLITE_FULL: 'disk_full',
  ENOSPC: 'disk_full',
  SQLITE_IOERR_WRITE: 'disk_full',
  SQLITE_CANTOPEN: 'cannot_open',
  ENOENT: 'cannot_open',
  ENOTDIR: 'cannot_open',
  EEXIST: 'cannot_open',
};

/** The problem an error from better-sqlite3 or node:fs stands for, or null for anything else. */
export function problemOf(err: unknown): DatabaseProblem | null {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? (CODES[code] ?? null) : null;
}

/** Wrap an error met while opening or writing `path`; other errors pass through unchanged. */
export function databaseError(err: unknown, path: string): unknown {
  if (err instanceof DatabaseError) return err;
  const problem = problemOf(err);
  if (problem === null) return err;
  const detail = err instanceof Error ? err.message : String(err);
  const say: Record<DatabaseProblem, [string, string]> = {
    corrupt: [
      `${path} is not a Gradient Workbench database, or it is damaged (${detail}).`,
      'Fix: choose another file (--db), or restore a copy (the app keeps one beside it as *.bak before each migration).',
    ],
    read_only: [
      `${path} cannot be written: the file or its folder is read-only (${detail}).`,
      'Fix: make it writable, or choose a database in a writable folder (--db).',
    ],
    disk_full: [
      `The disk holding ${path} is full (${detail}); what was stored before stays.`,
      'Fix: free some space, then run again.',
    ],
    missing: [`There is no database at ${path}; nothing was created.`, 'Fix: check the path (--db).'],
    cannot_open: [`Cannot open ${path} (${detail}).`, 'Fix: check the path and its folder (--db).'],
  };
  const [message, fix] = say[problem];
  return new DatabaseError(problem, path, message, fix, { cause: err });
}
