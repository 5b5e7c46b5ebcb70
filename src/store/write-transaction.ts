/**
 * Every write transaction starts IMMEDIATE. A deferred transaction that reads and then writes
 * (appendEpoch checks the run's status first) holds only a read snapshot until its first write;
 * if another connection — a second CLI, the app — committed in between, SQLite cannot upgrade a
 * stale WAL snapshot and answers `database is locked` AT ONCE: the busy timeout never applies.
 * IMMEDIATE takes the write lock first, so a concurrent writer waits (up to the busy timeout)
 * instead of failing a run and losing its epochs.
 */
import type { Database } from 'better-sqlite3';

export function writeTransaction<T>(db: Database, work: () => T): T {
  return db.transaction(work).immediate();
}
