/**
 * The writes of runs trained by remote workers. Results arrive from a Redis Stream that may
 * deliver an entry twice (the app died between commit and acknowledge) and may carry a stale
 * attempt (a worker presumed dead that kept writing), so every write here is idempotent: an epoch
 * is an upsert on (run, epoch), an ending lands once, and a newer attempt replaces the older
 * attempt's epochs in the same transaction that records it.
 */
import type { BackendReport } from '../domain/backend.ts';
import type { EpochRecord } from '../domain/records.ts';
import { FINAL_STATUSES, type RunStatus } from '../domain/run-status.ts';
import { toJson } from './codec.ts';
import { insertEpoch } from './epochs-write.ts';
import type { RunStore } from './run-store.ts';
import { Statements } from './statements.ts';
import type { CreateRunInput } from './types.ts';
import * as v from './validate.ts';
import { writeTransaction } from './write-transaction.ts';

interface RemoteRow {
  status: RunStatus;
  attempts: number;
  epochs_done: number;
}

/** What a result entry did: `applied`, or why it was skipped (all skips are safe to acknowledge). */
export type RemoteWrite = 'applied' | 'unknown-run' | 'stale-attempt' | 'already-ended';

export class RemoteRuns {
  private readonly s: Statements;

  constructor(private readonly store: RunStore) {
    this.s = new Statements(store.db);
  }

  /** This database's id, which names its queue and result stream on a Redis server. */
  databaseId(): string {
    const row = this.s.get("SELECT value FROM workbench_meta WHERE key = 'database_id'").get() as
      { value: string } | undefined;
    if (!row) throw new Error('this database has no database_id: it was not migrated to the remote-runs schema');
    return row.value;
  }

  /** The experiment submitted under `key` before, or a new one. */
  experimentFor(key: string, name: string, sweep: unknown): string {
    return writeTransaction(this.store.db, () => {
      const found = this.s.get('SELECT id FROM experiments WHERE remote_key = ?').get(key) as
        { id: string } | undefined;
      if (found) return found.id;
      const id = this.store.createExperiment({ name, sweep });
      this.s.get('UPDATE experiments SET remote_key = ? WHERE id = ?').run(key, id);
      return id;
    });
  }

  /** The run submitted under `key` before (with its status), or a new queued remote run. */
  runFor(key: string, input: CreateRunInput): { id: string; status: RunStatus; created: boolean } {
    return writeTransaction(this.store.db, () => {
      const found = this.s.get('SELECT id, status FROM runs WHERE remote_key = ?').get(key) as
        { id: string; status: RunStatus } | undefined;
      if (found) return { ...found, created: false };
      const id = this.store.createRun(input);
      this.s.get('UPDATE runs SET remote = 1, remote_key = ? WHERE id = ?').run(key, id);
      return { id, status: 'queued' as RunStatus, created: true };
    });
  }

  /**
   * A worker started `attempt` of the run. A newer attempt than the stored one restarts the run:
   * the earlier attempt's epochs go, in this one transaction, so no reader sees a mix.
   */
  started(runId: string, o: { attempt: number; backend: BackendReport; machine: string; at: number }): RemoteWrite {
    const backend = v.check(v.backendSchema, o.backend, 'remoteStarted', 'backend');
    return writeTransaction(this.store.db, () => {
      const row = this.row(runId);
      if (!row) return 'unknown-run';
      if (o.attempt < row.attempts) return 'stale-attempt';
      if (FINAL_STATUSES.includes(row.status)) return 'already-ended';
      if (o.attempt > row.attempts) {
        this.s.get('DELETE FROM epochs WHERE run_id = ?').run(runId);
        this.s
          .get(
            `UPDATE runs SET epochs_done = 0, last_vanishing_ratio = NULL, last_health_json = NULL,
               summary_json = NULL WHERE id = ?`,
          )
          .run(runId);
      }
      this.s
        .get(
          "UPDATE runs SET status = 'running', started_at = ?, backend_json = ?, machine = ?, attempts = ? WHERE id = ?",
        )
        .run(o.at, toJson(backend), o.machine, o.attempt, runId);
      return 'applied';
    });
  }

  /** One epoch of the current attempt, replacing the same epoch if it was stored before. */
  epoch(runId: string, attempt: number, rec: EpochRecord): RemoteWrite {
    const record = v.check(v.epochRecordSchema, rec, 'remoteEpoch', 'record');
    return writeTransaction(this.store.db, () => {
      const row = this.row(runId);
      if (!row) return 'unknown-run';
      if (attempt !== row.attempts) return 'stale-attempt';
      this.s.get('DELETE FROM epochs WHERE run_id = ? AND epoch = ?').run(runId, record.epoch);
      insertEpoch(this.s, runId, record, row.epochs_done);
      return 'applied';
    });
  }

  /** How the attempt ended; a run that already ended keeps its first ending. */
  finished(runId: string, o: { attempt: number; status: RunStatus; message: string | null; at: number }): RemoteWrite {
    const status = v.check(v.finalStatusSchema, o.status, 'remoteFinished', 'status');
    const message = v.check(v.errorTextSchema, o.message, 'remoteFinished', 'message') ?? null;
    return writeTransaction(this.store.db, () => {
      const row = this.row(runId);
      if (!row) return 'unknown-run';
      if (o.attempt < row.attempts) return 'stale-attempt';
      if (FINAL_STATUSES.includes(row.status)) return 'already-ended';
      this.s
        .get('UPDATE runs SET status = ?, finished_at = ?, error = ?, attempts = ? WHERE id = ?')
        .run(status, o.at, message, o.attempt, runId);
      return 'applied';
    });
  }

  /** Remote runs of this database not yet ended. */
  openRunIds(): string[] {
    const rows = this.s.get("SELECT id FROM runs WHERE remote = 1 AND status IN ('queued', 'running')").all();
    return (rows as Array<{ id: string }>).map((r) => r.id);
  }

  private row(runId: string): RemoteRow | undefined {
    return this.s.get('SELECT status, attempts, epochs_done FROM runs WHERE id = ?').get(runId) as
      RemoteRow | undefined;
  }
}
