/**
 * How many BLAS threads the native tier uses: threads pay only when a run has the machine to itself.
 * OpenBLAS's thread count is one setting for the whole process, and OpenBLAS with more than one
 * thread serialises calls made from two trainer threads at once, so the rule is per process:
 *
 *   threads = (trainers training in this process == 1) ? every core : 1
 *
 * re-applied whenever a trainer starts or ends: a sweep's runs train on one thread each, and its
 * last run, once alone, gets every core. The count lives in the main thread (the scheduler, the
 * remote worker), which starts and ends the trainers; trainers read it when they report.
 */
import { availableParallelism } from 'node:os';
import type { BackendReport } from '../../domain/backend.ts';
import { blasAddon, setBlasThreads } from './blas.ts';

/** BLAS threads for `training` trainers training at once in one process with `cores` cores. */
export function blasThreadsFor(training: number, cores: number): number {
  return training === 1 ? cores : 1;
}

export interface BlasThreadPolicyOptions {
  /** cores this process may use (default: availableParallelism()) */
  cores?: number;
  /** sets the process's BLAS threads (default: setBlasThreads, a no-op when the tier is off) */
  apply?: (threads: number) => void;
}

/** Counts the trainers training in this process and keeps the BLAS threads to the rule above. */
export class BlasThreadPolicy {
  private training = 0;
  private applied: number | null = null;
  private batching = 0;
  private readonly cores: number;
  private readonly apply: (threads: number) => void;

  constructor(o: BlasThreadPolicyOptions = {}) {
    this.cores = o.cores ?? availableParallelism();
    if (!(Number.isInteger(this.cores) && this.cores >= 1))
      throw new RangeError(`cores: must be an integer ≥ 1 (got ${this.cores})`);
    this.apply = o.apply ?? setBlasThreads;
  }

  /** trainers counted as training now */
  get trainers(): number {
    return this.training;
  }

  /** the threads last applied; null before the first trainer started */
  get threads(): number | null {
    return this.applied;
  }

  /**
   * A trainer starts: call before it starts so it reads its count at start. Returns the release to
   * call when it ends, however it ends; calling the release again does nothing, so a path that
   * might release twice (cancel, then the end) cannot free another trainer's share.
   */
  begin(): () => void {
    this.training++;
    this.update();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.training--;
      this.update();
    };
  }

  /**
   * Runs `fn` and applies the threads once, after it: a run that ends and the queued run that takes
   * its place leave a parallel=1 sweep on every core throughout, with no step to 1 thread between.
   */
  batch<T>(fn: () => T): T {
    this.batching++;
    try {
      return fn();
    } finally {
      if (--this.batching === 0) this.update();
    }
  }

  private update(): void {
    if (this.batching > 0) return;
    const n = blasThreadsFor(this.training, this.cores);
    if (n === this.applied) return;
    this.apply(n);
    this.applied = n;
  }
}

/** The one policy of this process: every scheduler and remote worker in it counts its trainers here. */
export const processBlasThreads = new BlasThreadPolicy();

/**
 * The backend report with the BLAS threads the trainer starts with, and that they follow the runs
 * training (a sweep's last run starts on one thread and gets every core once alone). Unchanged
 * when the run does not use the native tier (another backend, or the tier off in this thread).
 */
export function withBlasThreads(
  report: BackendReport,
  threads: number | null = blasAddon()?.info().threads ?? null,
): BackendReport {
  if (report.name !== 'wasm' || !threads) return report;
  const s = threads === 1 ? '' : 's';
  return {
    ...report,
    // the tier's own ", n threads" (the count when the backend was chosen) gives way to the count at start
    detail: `${report.detail.replace(/, \d+ threads?$/, '')}; BLAS: ${threads} thread${s} at start, following the runs training (all cores when one trains alone)`,
  };
}
