import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_DIR, openDatabase } from '../../../src/store/database.ts';
import { MigrationError } from '../../../src/store/errors.ts';
import { latestVersion, loadMigrations } from '../../../src/store/migrations.ts';
import { useTempDirs } from './temp-dirs.ts';

const tempDir = useTempDirs();
const LATEST = latestVersion(loadMigrations(DEFAULT_MIGRATIONS_DIR));

const version = (db: Database.Database) => db.pragma('user_version', { simple: true });
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A migrations folder holding the real files plus `extra` (file name → SQL). */
function migrationsWith(extra: Record<string, string>): string {
  const dir = tempDir();
  for (const f of readdirSync(DEFAULT_MIGRATIONS_DIR)) copyFileSync(join(DEFAULT_MIGRATIONS_DIR, f), join(dir, f));
  for (const [f, sql] of Object.entries(extra)) writeFileSync(join(dir, f), sql);
  return dir;
}

function next(n: number): string {
  return String(LATEST + n).padStart(4, '0');
}

/** A database at the latest real schema with one experiment in it. */
function currentDb(): string {
  const path = join(tempDir(), 'wb.db');
  const { db } = openDatabase(path);
  db.prepare("INSERT INTO experiments (id, name, created_at) VALUES ('x1', 'kept', 1)").run();
  db.close();
  return path;
}

describe('openDatabase', () => {
  it('creates the parent folder and migrates an empty database to the newest schema', () => {
    const path = join(tempDir(), 'nested', 'deeper', 'wb.db');
    const o = openDatabase(path);
    expect(existsSync(path)).toBe(true);
    expect(version(o.db)).toBe(LATEST);
    expect(o.schemaVersion).toBe(LATEST);
    expect(o.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(o.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(o.db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(o).toMatchObject({ readOnly: false, readOnlyReason: null, backupPath: null });
    const tables = o.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual([
      'epochs',
      'experiments',
      'layer_stats',
      'metrics',
      'run_tags',
      'runs',
      'study_runs',
      'task_cosines',
      'task_grads',
      'workbench_meta',
    ]);
    o.db.close();
  });

  it('works in memory', () => {
    const o = openDatabase(':memory:');
    expect(version(o.db)).toBe(LATEST);
    expect(o.backupPath).toBeNull();
    o.db.close();
  });

  it('reopening a current database neither migrates nor backs up', () => {
    const path = currentDb();
    const o = openDatabase(path);
    expect(o.backupPath).toBeNull();
    expect(readdirSync(join(path, '..')).filter((f) => f.endsWith('.bak'))).toEqual([]);
    o.db.close();
  });

  it('copies an older database aside before migrating it, then applies the new file', () => {
    const path = currentDb();
    const dir = migrationsWith({
      [`${next(1)}_add_color.sql`]: "ALTER TABLE experiments ADD COLUMN color TEXT NOT NULL DEFAULT 'blue';",
    });
    const o = openDatabase(path, { migrationsDir: dir });
    expect(version(o.db)).toBe(LATEST + 1);
    expect(o.db.prepare('SELECT name, color FROM experiments').get()).toEqual({ name: 'kept', color: 'blue' });
    expect(o.backupPath).toMatch(new RegExp(`wb\\.db\\.v${LATEST}-\\d{8}T\\d{6}Z\\.bak$`));
    const backup = new Database(o.backupPath!, { readonly: true });
    expect(version(backup)).toBe(LATEST);
    expect(backup.prepare('SELECT name FROM experiments').pluck().all()).toEqual(['kept']);
    backup.close();
    o.db.close();
  });

  it('applies all pending migrations in one transaction: a failing one leaves the database as it was', () => {
    const path = currentDb();
    const dir = migrationsWith({
      [`${next(1)}_good.sql`]: 'ALTER TABLE experiments ADD COLUMN color TEXT;',
      [`${next(2)}_bad.sql`]: 'CREATE TABLE broken (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);',
    });
    expect(() => openDatabase(path, { migrationsDir: dir })).toThrow(MigrationError);
    expect(() => openDatabase(path, { migrationsDir: dir })).toThrow(`${next(2)}_bad.sql`);
    expect(existsSync(path)).toBe(true);
    const db = new Database(path, { readonly: true });
    expect(version(db)).toBe(LATEST);
    const columns = db.prepare("SELECT name FROM pragma_table_info('experiments')").pluck().all();
    expect(columns).not.toContain('color');
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'broken'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT name FROM experiments').pluck().all()).toEqual(['kept']);
    db.close();
    // each attempt copied the database aside first
    expect(readdirSync(join(path, '..')).filter((f) => f.endsWith('.bak'))).toHaveLength(2);
  });

  it('opens a database from a newer app read-only, says why, and leaves the file unchanged', () => {
    const path = currentDb();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST + 5}`);
    raw.close();
    const before = sha(path);
    const o = openDatabase(path);
    expect(o.readOnly).toBe(true);
    expect(o.readOnlyReason).toBe(
      `This database was written by a newer Gradient Workbench (schema ${LATEST + 5}, this app knows ${LATEST}); opened read-only.`,
    );
    expect(o.backupPath).toBeNull();
    expect(o.db.prepare('SELECT name FROM experiments').pluck().all()).toEqual(['kept']);
    expect(() => o.db.prepare("INSERT INTO experiments (id, name, created_at) VALUES ('x2', 'no', 2)").run()).toThrow(
      /readonly/,
    );
    o.db.close();
    expect(sha(path)).toBe(before);
  });

  it('opens read-only on request without migrating, and refuses a missing file', () => {
    const path = currentDb();
    const o = openDatabase(path, { readonly: true });
    expect(o).toMatchObject({ readOnly: true, readOnlyReason: 'Opened read-only on request.', backupPath: null });
    o.db.close();
    expect(() => openDatabase(join(tempDir(), 'missing.db'), { readonly: true })).toThrow(
      /Cannot open .*missing\.db read-only/,
    );
  });

  it('refuses a migrations folder with a gap in its numbers', () => {
    const dir = migrationsWith({ [`${next(2)}_skipped_one.sql`]: 'SELECT 1;' });
    expect(() => openDatabase(':memory:', { migrationsDir: dir })).toThrow(/expected migration number/);
  });
});
