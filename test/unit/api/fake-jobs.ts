/**
 * Training jobs without tfjs or worker threads, for tests of the scheduler and of the doors above
 * it: each job is driven by hand (`epoch`, `finish`) or trains itself a few epochs (`autoJobs`).
 */
import type { JobFactory } from '../../../src/api/scheduler.ts';
import type { Job, JobCallbacks, JobEnd } from '../../../src/train/job.ts';
import { BACKEND, makeEpoch } from '../store/fixtures/records.ts';

export class FakeJob implements Job {
  readonly done: Promise<JobEnd>;
  cancelled = false;
  private epochs = 0;
  private resolve!: (end: JobEnd) => void;

  constructor(readonly callbacks: JobCallbacks) {
    this.done = new Promise((r) => (this.resolve = r));
  }

  start(): void {
    this.callbacks.onBackend?.(BACKEND);
  }

  epoch(): void {
    this.callbacks.onEpoch?.(makeEpoch(++this.epochs));
  }

  finish(status: JobEnd['status'] = 'completed', message?: string): void {
    this.resolve({ status, epochs: this.epochs, ...(message ? { message } : {}) });
  }

  /** as the worker does: the cancel flag is seen after the current batch, then the job ends */
  cancel(): void {
    this.cancelled = true;
    queueMicrotask(() => this.finish('cancelled'));
  }
}

/** Jobs the test drives by hand, by run id, in the order the scheduler started them. */
export function manualJobs(): {
  factory: (o: Parameters<JobFactory>[0]) => FakeJob;
  jobs: Map<string, FakeJob>;
  started: string[];
} {
  const jobs = new Map<string, FakeJob>();
  const started: string[] = [];
  const factory = (o: Parameters<JobFactory>[0]) => {
    const job = new FakeJob(o);
    jobs.set(o.runId, job);
    started.push(o.runId);
    return job;
  };
  return { factory, jobs, started };
}

/** Jobs that report a backend, train `spec.epochs` epochs and complete, each step on a later tick. */
export function autoJobs(): JobFactory {
  return (o) => {
    const job = new FakeJob(o);
    const tick = () => new Promise((r) => setImmediate(r));
    void (async () => {
      await tick();
      job.start();
      for (let e = 0; e < o.spec.epochs && !job.cancelled; e++) {
        await tick();
        job.epoch();
      }
      if (!job.cancelled) job.finish();
    })();
    return job;
  };
}
