/**
 * The migration runner. Migrations are `NNNN_name.sql` files numbered 1..N without gaps;
 * `PRAGMA user_version` is the number of the last one applied and the only record of it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { MigrationError } from './errors.ts';

export interface Migration {
  /** 1-based, from the file name's NNNN prefix */
  version: number;
  /** file name, e.g. `0001_initial.sql` */
  file: string;
  sql: string;
}

const FILE_PATTERN = /^(\d{4})_[A-Za-z0-9_-]+\.sql$/;

/** Read and order the migration files of `dir`; throws on duplicate or missing numbers. */
export function loadMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: FILE_PATTERN.exec(file) }))
    .filter((f) => f.match !== null)
    .map(({ file, match }) => ({ version: Number(match![1]), file, sql: readFileSync(join(dir, file), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new MigrationError(
        m.file,
        `expected migration number ${i + 1} here (numbers run 1..N without gaps or repeats)`,
      );
  });
  if (migrations.length === 0) throw new Error(`No migrations (NNNN_name.sql) found in ${dir}`);
  return migrations;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
}

export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Apply every migration newer than the database's user_version, all in ONE transaction, with
 * foreign keys off (so a file may rebuild a table) and checked before commit. On any error
 * the transaction rolls back: the database stays exactly at its old version.
 * @returns the versions applied, oldest first
 */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[]): number[] {
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    // IMMEDIATE: take the write lock before reading user_version, so two processes opening the
    // same old database cannot both decide to apply the same migrations
    return db.transaction(() => applyPending(db, migrations)).immediate();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}

function applyPending(db: Database.Database, migrations: readonly Migration[]): number[] {
  const from = userVersion(db);
  const pending = migrations.filter((m) => m.version > from);
  for (const m of pending) runOne(db, m);
  const violations = db.pragma('foreign_key_check') as unknown[];
  if (pending.length > 0 && violations.length > 0)
    throw new MigrationError(
      pending[pending.length - 1].file,
      `${violations.length} foreign key violation(s) after migrating`,
    );
  return pending.map((m) => m.version);
}

function runOne(db: Database.Database, m: Migration): void {
  try {
    db.exec(m.sql);
  } catch (err) {
    throw new MigrationError(m.file, err instanceof Error ? err.message : String(err), { cause: err });
  }
  // user_version lives in the database header, so it commits or rolls back with the rest
  db.pragma(`user_version = ${m.version}`);
}
