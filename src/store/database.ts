/**
 * Opening the database: WAL, foreign keys, busy timeout, migrations. Never deletes or rolls
 * back a database file; an old one is copied aside before it is migrated, a newer one is
 * opened read-only.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { DatabaseError, databaseError } from './open-errors.ts';
import { applyMigrations, latestVersion, loadMigrations, userVersion } from './migrations.ts';

/** `migrations/` at the repository (or package) root, next to `src/`. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** How long a statement waits for another connection's lock before failing, milliseconds. */
export const BUSY_TIMEOUT_MS = 5000;

export interface OpenDatabaseOptions {
  /** open without migrating and refuse writes */
  readonly?: boolean;
  /** folder of NNNN_name.sql files; defaults to DEFAULT_MIGRATIONS_DIR */
  migrationsDir?: string;
  /** refuse (DatabaseError 'missing') instead of creating a database that does not exist: read commands */
  mustExist?: boolean;
}

export interface OpenedDatabase {
  db: Database.Database;
  readOnly: boolean;
  /** why it is read-only, in words for the UI; null when writable */
  readOnlyReason: string | null;
  /** the copy made before migrating, or null when no migration of existing data happened */
  backupPath: string | null;
  /** user_version after opening */
  schemaVersion: number;
}

/**
 * `GW_SQLITE_BINDING` names a better-sqlite3 addon built for another runtime (npm start builds
 * one for Electron beside node_modules, so the copy in node_modules stays built for Node).
 */
export function sqliteOptions(env: Record<string, string | undefined> = process.env): { nativeBinding?: string } {
  return env.GW_SQLITE_BINDING ? { nativeBinding: env.GW_SQLITE_BINDING } : {};
}

export function isMemoryPath(path: string): boolean {
  return path === ':memory:' || path === '';
}

export function newerSchemaReason(found: number, known: number): string {
  return (
    `This database was written by a newer Gradient Workbench (schema ${found}, this app knows ${known}); ` +
    'opened read-only.'
  );
}

/**
 * Open (creating file and parent folder if missing, unless `mustExist`) and migrate to the newest
 * schema. A damaged, read-only or unreachable file, or a full disk, throws a DatabaseError with a
 * one-line message and its fix.
 */
export function openDatabase(path: string, opts: OpenDatabaseOptions = {}): OpenedDatabase {
  if (opts.mustExist && !isMemoryPath(path) && !existsSync(path))
    throw new DatabaseError(
      'missing',
      path,
      `There is no database at ${path}; nothing was created.`,
      'Fix: check the path (--db).',
    );
  try {
    return openMigrated(path, opts);
  } catch (err) {
    throw databaseError(err, path);
  }
}

function openMigrated(path: string, opts: OpenDatabaseOptions): OpenedDatabase {
  const migrations = loadMigrations(opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const latest = latestVersion(migrations);
  const memory = isMemoryPath(path);
  if (opts.readonly) return openReadOnly(path, 'Opened read-only on request.');
  // read the version without a write connection, so a newer database is never touched
  const found = !memory && existsSync(path) ? probeVersion(path) : 0;
  if (found > latest) return openReadOnly(path, newerSchemaReason(found, latest));
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, sqliteOptions());
  try {
    configure(db);
    db.pragma('journal_mode = WAL');
    // NORMAL is durable against a killed process in WAL mode; only an OS crash may lose the last commits
    db.pragma('synchronous = NORMAL');
    const version = userVersion(db);
    if (version > latest) {
      db.close();
      return openReadOnly(path, newerSchemaReason(version, latest));
    }
    const backupPath = version < latest && !memory && hasContent(db, version) ? backupBeside(db, path, version) : null;
    applyMigrations(db, migrations);
    return { db, readOnly: false, readOnlyReason: null, backupPath, schemaVersion: userVersion(db) };
  } catch (err) {
    if (db.open) db.close();
    throw err;
  }
}

function configure(db: Database.Database): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
}

function probeVersion(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true, ...sqliteOptions() });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return userVersion(db);
  } finally {
    db.close();
  }
}

function openReadOnly(path: string, reason: string): OpenedDatabase {
  if (isMemoryPath(path)) throw new Error('An in-memory database cannot be opened read-only');
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, ...sqliteOptions() });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new DatabaseError(
      'cannot_open',
      path,
      `Cannot open ${path} read-only (${detail}).`,
      'Fix: check the path (--db).',
      { cause: err },
    );
  }
  configure(db);
  return { db, readOnly: true, readOnlyReason: reason, backupPath: null, schemaVersion: userVersion(db) };
}

function hasContent(db: Database.Database, version: number): boolean {
  if (version > 0) return true;
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
  return row.n > 0;
}

/**
 * Copy the database aside as `<path>.v<version>-<UTC timestamp>.bak`. VACUUM INTO writes a
 * consistent snapshot (WAL content included) even while other connections are open.
 * @returns the path of the copy
 */
export function backupBeside(db: Database.Database, path: string, version: number): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  let target = `${path}.v${version}-${stamp}.bak`;
  for (let i = 2; existsSync(target); i++) target = `${path}.v${version}-${stamp}-${i}.bak`;
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}
