/**
 * Run endings this process could not write (a full disk, a database turned read-only): kept in
 * memory per database file so the cause is not lost, shown in place of what is stored, and
 * written when this process next opens that database.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { RunStatus } from '../domain/run-status.ts';

export interface PendingEnd {
  status: RunStatus;
  error: string | null;
}

const byDatabase = new Map<string, Map<string, PendingEnd>>();

/** The key of a database: its absolute path; an in-memory one is its own, never reopened. */
export function pendingKey(db: { name: string; memory: boolean }): string {
  return db.memory ? `memory:${randomUUID()}` : resolve(db.name);
}

export function keepPendingEnd(key: string, runId: string, end: PendingEnd): void {
  const runs = byDatabase.get(key) ?? new Map<string, PendingEnd>();
  runs.set(runId, end);
  byDatabase.set(key, runs);
}

export function pendingEnd(key: string, runId: string): PendingEnd | undefined {
  return byDatabase.get(key)?.get(runId);
}

/**
 * Try `write` for each ending pending on the database; one that is written, or that can no longer
 * apply (`write` returns false: the run was deleted or has ended), is forgotten. @returns how many were written
 */
export function flushPendingEnds(key: string, write: (runId: string, end: PendingEnd) => boolean): number {
  const runs = byDatabase.get(key);
  if (!runs) return 0;
  let written = 0;
  for (const [runId, end] of runs) {
    try {
      if (write(runId, end)) written++;
      runs.delete(runId);
    } catch {
      // still cannot write: kept for the next open
    }
  }
  if (!runs.size) byDatabase.delete(key);
  return written;
}
