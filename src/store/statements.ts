/**
 * Statements prepared once per connection, on first use. Lazy preparation means a read-only
 * store over a newer schema only prepares the reads it actually runs.
 */
import type Database from 'better-sqlite3';

export class Statements {
  private readonly cache = new Map<string, Database.Statement>();
  private readonly rawCache = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let stmt = this.cache.get(sql);
    if (stmt === undefined) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  /** The same, returning rows as arrays in column order (no object per row): for bulk reads. */
  raw(sql: string): Database.Statement {
    let stmt = this.rawCache.get(sql);
    if (stmt === undefined) {
      stmt = this.db.prepare(sql).raw(true);
      this.rawCache.set(sql, stmt);
    }
    return stmt;
  }
}
