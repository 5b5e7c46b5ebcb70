/** Writes and single-run reads of the runs table and its tags. */
import { randomUUID } from 'node:crypto';
import type { Spec } from '../experiment/spec.ts';
import type { BackendReport } from '../domain/backend.ts';
import type { RunStatus } from '../domain/run-status.ts';
import { toJson } from './codec.ts';
import { NotFoundError, RunStateError } from './errors.ts';
import { currentOwner, ownerAlive } from './owner.ts';
import { RUNS_FROM, SUMMARY_COLUMNS, toDetail, type DetailRow } from './run-rows.ts';
import type { Statements } from './statements.ts';
import type { RunDetail } from './types.ts';
import { writeTransaction } from './write-transaction.ts';

/** What `interrupted` runs carry as their error, so the UI can say what happened. */
export const INTERRUPTED_MESSAGE = 'The process running this run stopped before it finished.';

export interface NewRun {
  spec: Spec;
  name: string;
  tags: string[];
  notes: string;
  experimentId: string | null;
}

export class RunsRepo {
  constructor(
    private readonly s: Statements,
    /** clock, milliseconds since the epoch */
    private readonly now: () => number,
  ) {}

  create(run: NewRun): string {
    const id = randomUUID();
    writeTransaction(this.s.db, () => {
      this.s
        .get(
          `INSERT INTO runs (id, experiment_id, name, notes, status, spec_json, created_at, epochs_planned, owner)
           VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
        )
        .run(
          id,
          run.experimentId,
          run.name,
          run.notes,
          JSON.stringify(run.spec),
          this.now(),
          run.spec.epochs,
          currentOwner(),
        );
      this.setTags(id, run.tags);
    });
    return id;
  }

  /** Current status, or throws NotFoundError. */
  status(id: string): RunStatus {
    const row = this.s.get('SELECT status FROM runs WHERE id = ?').get(id) as { status: RunStatus } | undefined;
    if (row === undefined) throw new NotFoundError('run', id);
    return row.status;
  }

  markRunning(id: string, backend: BackendReport): void {
    const from = this.status(id);
    if (from !== 'queued') throw new RunStateError(`Run ${id} is ${from}; only a queued run can start`);
    this.s
      .get(
        "UPDATE runs SET status = 'running', started_at = ?, backend_json = ?, owner = ? WHERE id = ? AND status = 'queued'",
      )
      .run(this.now(), toJson(backend), currentOwner(), id);
  }

  finish(id: string, status: RunStatus, error: string | null): void {
    const from = this.status(id);
    if (from !== 'queued' && from !== 'running')
      throw new RunStateError(`Run ${id} is already ${from}; only a queued or running run can finish`);
    this.s
      .get('UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE id = ?')
      .run(status, this.now(), error, id);
  }

  /**
   * Runs a dead process left `queued` or `running` become `interrupted` (see owner.ts: a live
   * owner's runs are left alone). finished_at stays null: when the process died is unknown.
   * @returns how many runs changed
   */
  markInterrupted(): number {
    const open = this.s.get("SELECT id, owner FROM runs WHERE status IN ('queued', 'running')").all() as Array<{
      id: string;
      owner: string | null;
    }>;
    const dead = open.filter((r) => !ownerAlive(r.owner));
    const mark = this.s.get(
      "UPDATE runs SET status = 'interrupted', error = ? WHERE id = ? AND status IN ('queued', 'running')",
    );
    writeTransaction(this.s.db, () => dead.forEach((r) => mark.run(INTERRUPTED_MESSAGE, r.id)));
    return dead.length;
  }

  get(id: string): RunDetail | null {
    const row = this.s
      .get(`SELECT ${SUMMARY_COLUMNS}, r.notes, r.backend_json FROM ${RUNS_FROM} WHERE r.id = ?`)
      .get(id) as DetailRow | undefined;
    return row === undefined ? null : toDetail(row);
  }

  update(id: string, patch: { name?: string; tags?: string[]; notes?: string }): void {
    writeTransaction(this.s.db, () => {
      this.status(id);
      if (patch.name !== undefined) this.s.get('UPDATE runs SET name = ? WHERE id = ?').run(patch.name, id);
      if (patch.notes !== undefined) this.s.get('UPDATE runs SET notes = ? WHERE id = ?').run(patch.notes, id);
      if (patch.tags !== undefined) this.setTags(id, patch.tags);
    });
  }

  /**
   * Delete runs and (by cascade) all their epoch data; refuses running runs and runs another live
   * process has queued. @returns rows deleted
   */
  delete(ids: readonly string[]): number {
    return writeTransaction(this.s.db, () => {
      let deleted = 0;
      for (const id of ids) {
        const row = this.s.get('SELECT status, owner FROM runs WHERE id = ?').get(id) as
          { status: RunStatus; owner: string | null } | undefined;
        if (row?.status === 'running') throw new RunStateError(`Run ${id} is running; cancel it before deleting`);
        // another live process will start this run: deleting it under that process would crash it
        if (row?.status === 'queued' && ownerAlive(row.owner))
          throw new RunStateError(
            `Run ${id} is queued by another process (${row.owner}); cancel it there, or wait until it has run`,
          );
        deleted += this.s.get('DELETE FROM runs WHERE id = ?').run(id).changes;
      }
      return deleted;
    });
  }

  private setTags(id: string, tags: readonly string[]): void {
    this.s.get('DELETE FROM run_tags WHERE run_id = ?').run(id);
    const insert = this.s.get('INSERT INTO run_tags (run_id, tag, position) VALUES (?, ?, ?)');
    tags.forEach((tag, i) => insert.run(id, tag, i));
  }
}
