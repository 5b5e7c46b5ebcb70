/**
 * The run queue: creates runs in the store, trains up to `parallel` at once (one worker each;
 * wasm trains on one core, so one worker per core), stores every epoch as it arrives, and
 * records how each run ended. Cancel works on queued and running runs alike. The native tier's
 * BLAS threads follow the runs training (blas-threads.ts): every core for a run alone, 1 each else.
 */
import { availableParallelism } from 'node:os';
import { describeSpec } from '../experiment/describe.ts';
import type { Spec } from '../experiment/spec.ts';
import { NotFoundError, type RunStore } from '../store/index.ts';
import { databaseError } from '../store/open-errors.ts';
import { type Job, type JobCallbacks, type JobEnd, startJob } from '../train/job.ts';
import { type BlasThreadPolicy, processBlasThreads } from '../train/backend/blas-threads.ts';
import type { BackendReport } from '../domain/backend.ts';
import type { EpochRecord, ProgressEvent } from '../domain/records.ts';

/** NaN or 0 would leave every run queued forever: refuse it where it is given */
function checkParallel(n: number): void {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`parallel: must be an integer ≥ 1 (got ${n})`);
}

export interface SchedulerEvents {
  onStarted?: (runId: string, backend: BackendReport) => void;
  onProgress?: (p: ProgressEvent) => void;
  onEpoch?: (runId: string, rec: EpochRecord) => void;
  onFinished?: (runId: string, end: JobEnd) => void;
}

/** Starts one run's training; the worker-thread `startJob` unless a test injects its own. */
export type JobFactory = (o: { spec: Spec; runId: string } & JobCallbacks) => Job;

export interface SchedulerOptions {
  /** runs trained at once, an integer ≥ 1 (default: one per core) */
  parallel?: number;
  startJob?: JobFactory;
  /** counts this scheduler's trainers for the BLAS threads (default: the process's one policy) */
  blasThreads?: BlasThreadPolicy;
}

export interface EnqueueOptions {
  experimentId?: string | null;
}

export class Scheduler {
  private readonly queue: Array<{ runId: string; spec: Spec }> = [];
  private readonly running = new Map<string, Job>();
  private readonly waiters: Array<() => void> = [];
  private limit: number;
  private readonly startJob: JobFactory;
  private readonly threads: BlasThreadPolicy;

  constructor(
    private readonly store: RunStore,
    private readonly events: SchedulerEvents = {},
    o: SchedulerOptions = {},
  ) {
    if (o.parallel !== undefined) checkParallel(o.parallel);
    this.limit = o.parallel ?? availableParallelism();
    this.startJob = o.startJob ?? startJob;
    this.threads = o.blasThreads ?? processBlasThreads;
  }

  /** runs trained at once */
  get parallel(): number {
    return this.limit;
  }

  /**
   * Change how many runs train at once. Growing starts queued runs now; shrinking cancels nothing:
   * the runs already training finish, and the queue waits until fewer than `n` are running.
   */
  setParallel(n: number): void {
    checkParallel(n);
    this.limit = n;
    this.pump();
  }

  /** Store the runs as `queued` (all or none) and start as many as allowed. Returns their ids in order. */
  enqueue(specs: Spec[], o: EnqueueOptions = {}): string[] {
    const ids = this.store.db.transaction(() =>
      specs.map((spec) =>
        this.store.createRun({
          spec,
          name: spec.name || describeSpec(spec),
          tags: spec.tags,
          notes: spec.notes,
          experimentId: o.experimentId ?? null,
        }),
      ),
    )();
    ids.forEach((runId, i) => this.queue.push({ runId, spec: specs[i] }));
    this.pump();
    return ids;
  }

  /** Cancel a queued or running run; false if this scheduler does not hold it. */
  cancel(runId: string): boolean {
    const q = this.queue.findIndex((r) => r.runId === runId);
    if (q >= 0) {
      this.queue.splice(q, 1);
      const end: JobEnd = { status: 'cancelled', epochs: 0, message: 'cancelled before it started' };
      this.store.finishRun(runId, end.status, end.message);
      // a run that never started ends too: whoever waits for it (run's Ctrl-C, a Live view) hears so
      this.events.onFinished?.(runId, end);
      this.settle();
      return true;
    }
    const job = this.running.get(runId);
    job?.cancel();
    return !!job;
  }

  cancelAll(): void {
    for (const { runId } of [...this.queue]) this.cancel(runId);
    for (const job of this.running.values()) job.cancel();
  }

  get active(): { queued: string[]; running: string[] } {
    return { queued: this.queue.map((r) => r.runId), running: [...this.running.keys()] };
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (!this.queue.length && !this.running.size) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Starts queued runs up to the limit. The BLAS threads are applied once, after the loop and before
   * any trainer's thread is up to read them (a Worker boots asynchronously).
   */
  private pump(): void {
    this.threads.batch(() => {
      while (this.running.size < this.limit && this.queue.length) {
        const { runId, spec } = this.queue.shift()!;
        this.launch(runId, spec);
      }
    });
  }

  private launch(runId: string, spec: Spec): void {
    // the epochs stored before the refusal are what the run keeps, whatever the worker trained after
    let storeError: { epochs: number; message: string } | null = null;
    const job = this.startJob({
      spec,
      runId,
      onBackend: (report) => {
        this.store.markRunning(runId, report);
        this.events.onStarted?.(runId, report);
      },
      onProgress: (p) => this.events.onProgress?.(p),
      onEpoch: (rec) => {
        try {
          this.store.appendEpoch(runId, rec);
        } catch (err) {
          // the store refused (deleted run, disk full, read-only): stop training what cannot be kept
          storeError = {
            epochs: rec.epoch - 1,
            // a full disk or read-only file says so, with its fix
            message: `could not store epoch ${rec.epoch}: ${(databaseError(err, this.store.db.name) as Error).message}`,
          };
          job.cancel();
          return;
        }
        this.events.onEpoch?.(runId, rec);
      },
    });
    const release = this.threads.begin();
    this.running.set(runId, job);
    job.done.then((result) => {
      const end: JobEnd = storeError ? { status: 'failed', ...storeError } : result;
      this.running.delete(runId);
      try {
        this.store.finishRun(runId, end.status, end.message ?? null);
      } catch (err) {
        // deleted while it trained: nothing left to mark; otherwise keep the cause until it can be written
        if (!(err instanceof NotFoundError)) this.store.keepPendingEnd(runId, end.status, end.message ?? null);
      }
      this.events.onFinished?.(runId, end);
      // in one batch: a parallel=1 sweep stays on every core from one run to the next
      this.threads.batch(() => {
        release();
        this.pump();
      });
      this.settle();
    });
  }

  private settle(): void {
    if (this.queue.length || this.running.size) return;
    for (const w of this.waiters.splice(0)) w();
  }
}
