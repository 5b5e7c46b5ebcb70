/**
 * RunStore: the one object the service talks to for runs, experiments and epochs.
 * Validates every argument, refuses writes when read-only, and keeps statements prepared.
 */
import { issuesOf, specSchema } from '../experiment/spec.ts';
import type { BackendReport } from '../domain/backend.ts';
import { DEFAULT_COMPARE_LAYER_FIELDS } from '../domain/compare.ts';
import type { EpochRecord } from '../domain/records.ts';
import type { RunStatus } from '../domain/run-status.ts';
import { readCompareData } from './compare-read.ts';
import { openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from './database.ts';
import { readEpochs } from './epochs-read.ts';
import { appendEpoch } from './epochs-write.ts';
import { InvalidArgumentError, ReadOnlyStoreError } from './errors.ts';
import { ExperimentsRepo } from './experiments-repo.ts';
import { listRuns } from './list-runs.ts';
import { type PrefixMatches, runIdsWithPrefix } from './id-prefix.ts';
import { flushPendingEnds, keepPendingEnd, pendingEnd, pendingKey } from './pending-ends.ts';
import { RunsRepo } from './runs-repo.ts';
import { Statements } from './statements.ts';
import { StudyRunsRepo } from './study-runs-repo.ts';
import type * as T from './types.ts';
import * as v from './validate.ts';

export interface RunStoreOptions {
  /** clock in milliseconds since the epoch; tests pin it */
  now?: () => number;
}

export class RunStore {
  readonly db: OpenedDatabase['db'];
  readonly readOnly: boolean;
  readonly readOnlyReason: string | null;
  readonly backupPath: string | null;
  /** runs turned `interrupted` when this store was opened by openStore */
  interruptedOnOpen = 0;
  private readonly s: Statements;
  private readonly runs: RunsRepo;
  private readonly experiments: ExperimentsRepo;
  /** which study started which runs (src/studies) */
  readonly studyRuns: StudyRunsRepo;
  private readonly pendingKey: string;

  constructor(opened: OpenedDatabase, opts: RunStoreOptions = {}) {
    ({
      db: this.db,
      readOnly: this.readOnly,
      readOnlyReason: this.readOnlyReason,
      backupPath: this.backupPath,
    } = opened);
    const now = opts.now ?? Date.now;
    this.s = new Statements(this.db);
    this.runs = new RunsRepo(this.s, now);
    this.experiments = new ExperimentsRepo(this.s, now);
    this.studyRuns = new StudyRunsRepo(this.s, now, () => this.writable());
    this.pendingKey = pendingKey(this.db);
  }

  /** @returns the new experiment's id */
  createExperiment(input: T.CreateExperimentInput): string {
    this.writable();
    const x = v.check(v.createExperimentSchema, input, 'createExperiment', 'input');
    v.check(v.jsonValueSchema, x.sweep, 'createExperiment', 'input.sweep');
    return this.experiments.create(x.name, x.sweep);
  }

  listExperiments(): T.Experiment[] {
    return this.experiments.list();
  }

  /** A new `queued` run; `spec` is validated and stored verbatim. @returns the run id (UUID) */
  createRun(input: T.CreateRunInput): string {
    this.writable();
    const x = v.check(v.createRunSchema, input, 'createRun', 'input');
    const parsed = specSchema.safeParse(x.spec);
    if (!parsed.success) {
      const issue = issuesOf(parsed.error)[0];
      const field = ['input.spec', issue.field].filter(Boolean).join('.');
      throw new InvalidArgumentError(field, `createRun: ${field}: ${issue.message}`);
    }
    const experimentId = x.experimentId ?? null;
    if (experimentId !== null) this.experiments.assertExists(experimentId);
    return this.runs.create({ spec: parsed.data, name: x.name, tags: x.tags, notes: x.notes, experimentId });
  }

  /** queued → running, recording when and on which backend. */
  markRunning(id: string, backend: BackendReport): void {
    this.writable();
    this.runs.markRunning(this.id(id, 'markRunning'), v.check(v.backendSchema, backend, 'markRunning', 'backend'));
  }

  /** Store one epoch in one transaction; the run must be `running`. */
  appendEpoch(id: string, rec: EpochRecord): void {
    this.writable();
    const runId = this.id(id, 'appendEpoch');
    appendEpoch(this.s, runId, v.check(v.epochRecordSchema, rec, 'appendEpoch', 'record'));
  }

  /** queued/running → a final status (completed, cancelled, failed, diverged, interrupted). */
  finishRun(id: string, status: RunStatus, error?: string | null): void {
    this.writable();
    const runId = this.id(id, 'finishRun');
    const final = v.check(v.finalStatusSchema, status, 'finishRun', 'status');
    this.runs.finish(runId, final, v.check(v.errorTextSchema, error, 'finishRun', 'error') ?? null);
  }

  /** Runs left `queued` or `running` by a dead process become `interrupted`. @returns how many */
  markInterrupted(): number {
    this.writable();
    return this.runs.markInterrupted();
  }

  /** A page of runs, filtered and sorted, without any epoch data. */
  listRuns(query: T.ListRunsQuery = {}): T.ListRunsResult {
    return listRuns(this.s, v.check(v.listRunsSchema, query, 'listRuns', 'query'));
  }

  /** Summary + spec + backend + notes, or null for an unknown id (a malformed id names no run either). */
  getRun(id: string): T.RunDetail | null {
    const run = v.idSchema.safeParse(id).success ? this.runs.get(id) : null;
    const end = run && pendingEnd(this.pendingKey, run.id);
    return run && end ? { ...run, ...end } : run;
  }

  /** Runs whose id starts with `prefix` (compared in lowercase). */
  runIdsWithPrefix(prefix: string, max?: number): PrefixMatches {
    return runIdsWithPrefix(this.s, prefix.toLowerCase(), max);
  }

  /**
   * An ending that could not be written (finishRun failed on a full disk, say): getRun shows it,
   * and the next openStore of this database in this process writes it.
   */
  keepPendingEnd(id: string, status: RunStatus, error: string | null): void {
    keepPendingEnd(this.pendingKey, id, { status, error });
  }

  /** Write the endings kept by keepPendingEnd; those of deleted or already ended runs are dropped. */
  writePendingEnds(): number {
    return flushPendingEnds(this.pendingKey, (id, end) => {
      const from = this.runs.get(id)?.status;
      if (from !== 'queued' && from !== 'running') return false;
      this.finishRun(id, end.status, end.error);
      return true;
    });
  }

  /** Stored epochs in [from, to] (inclusive, 1-based), oldest first; NotFoundError for an unknown run. */
  getEpochs(id: string, range: T.EpochRange = {}): EpochRecord[] {
    const runId = this.id(id, 'getEpochs');
    const r = v.check(v.epochRangeSchema, range, 'getEpochs', 'range');
    this.runs.status(runId);
    return readEpochs(this.s, runId, r.from ?? 1, r.to ?? Number.MAX_SAFE_INTEGER);
  }

  /**
   * What Compare draws of a run, column-wise: epochs, metrics, weights, task gradients and
   * cosines, the vanishing ratio, and the chosen layer statistics (default gradL2, dzL2,
   * updateRatio) as layer × epoch matrices — no histograms. NotFoundError for an unknown run.
   */
  compareData(id: string, options: T.CompareOptions = {}): T.CompareData {
    const runId = this.id(id, 'compareData');
    const o = v.check(v.compareOptionsSchema, options, 'compareData', 'options');
    this.runs.status(runId);
    return readCompareData(this.s, runId, o.layerFields ?? DEFAULT_COMPARE_LAYER_FIELDS);
  }

  updateRun(id: string, patch: T.UpdateRunInput): void {
    this.writable();
    const runId = this.id(id, 'updateRun');
    this.runs.update(runId, v.check(v.updateRunSchema, patch, 'updateRun', 'patch'));
  }

  /** Delete runs with all their epochs; unknown ids are skipped. @returns runs deleted */
  deleteRuns(ids: readonly string[]): number {
    this.writable();
    return this.runs.delete(v.check(v.idsSchema, ids, 'deleteRuns', 'ids'));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private writable(): void {
    if (this.readOnly) throw new ReadOnlyStoreError(this.readOnlyReason ?? 'The database is open read-only.');
  }

  private id(id: unknown, method: string): string {
    return v.check(v.idSchema, id, method, 'id');
  }
}

/** Open (and migrate) the database, then mark runs a dead process left behind as interrupted. */
export function openStore(path: string, opts: OpenDatabaseOptions & RunStoreOptions = {}): RunStore {
  const store = new RunStore(openDatabase(path, opts), opts);
  if (!store.readOnly) {
    store.writePendingEnds();
    store.interruptedOnOpen = store.markInterrupted();
  }
  return store;
}
