/**
 * `gradient-workbench worker`: takes runs from every workbench queue on a Redis server and trains
 * them. BullMQ's lock renewal is the heartbeat: a worker that dies (kill -9, power) stops renewing,
 * and after `stallAfterMs` another worker restarts the run as its next attempt. Cancel arrives over
 * pub/sub (and a set checked before each start, for a message sent while no one listened); per-batch
 * progress goes out over pub/sub too (see progress.ts).
 * `stop()` (SIGTERM) cancels the running runs and marks them; waiting runs stay for other workers.
 */
import { hostname } from 'node:os';
import { DelayedError, type Job as QueueJob, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { type RemoteNames, QUEUE_REGISTRY, remoteNames } from './names.ts';
import { type Running, type RunnerOptions, runQueueJob } from './job-runner.ts';
import { ResultsWriter } from './results-writer.ts';
import { reportFailures } from './failures.ts';
import { progressPublisher } from './progress.ts';
import { type BlasThreadPolicy, processBlasThreads } from '../train/backend/blas-threads.ts';

export interface RemoteWorkerOptions extends Omit<RunnerOptions, 'machine'> {
  connection: RedisOptions;
  /** runs trained at once per queue (one per GPU) */
  concurrency?: number;
  /** machine label stored with each run (default: host name) */
  name?: string;
  /** how long a run may go without a heartbeat before another worker restarts it (default 30 s) */
  stallAfterMs?: number;
  /** starts a run gets before it is marked failed when its workers keep dying (default 3) */
  attempts?: number;
  /** how often the list of queues is read again */
  discoverEveryMs?: number;
  log?: (line: string) => void;
  /** counts this worker's trainers for the BLAS threads (default: the process's one policy) */
  blasThreads?: BlasThreadPolicy;
}

/** Starts a run gets by default: the first, and two restarts after a worker died. */
export const DEFAULT_ATTEMPTS = 3;

export class RemoteWorker {
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly workers = new Map<string, Worker>();
  private readonly running = new Map<string, Running>();
  private discoverTimer: NodeJS.Timeout | null = null;
  private stopping = false;
  readonly machine: string;

  constructor(private readonly o: RemoteWorkerOptions) {
    this.machine = o.name ?? hostname();
    // ioredis reports connection errors as events (and reconnects): log them rather than let it print each
    const onError = (err: Error) => o.log?.(`redis: ${err.message}`);
    this.redis = new Redis(o.connection).on('error', onError);
    this.subscriber = new Redis(o.connection).on('error', onError);
    this.subscriber.on('message', (_channel, runId: string) => this.cancel(runId, 'cancelled from the workbench'));
  }

  async start(): Promise<void> {
    await this.discover();
    this.discoverTimer = setInterval(() => void this.discover().catch(() => {}), this.o.discoverEveryMs ?? 1000);
  }

  get activeRuns(): string[] {
    return [...this.running.keys()];
  }

  /** Cancel the running runs (each marked `cancelled` with the reason), then close every queue worker. */
  async stop(reason = `worker ${this.machine} stopped before the run finished`): Promise<void> {
    this.stopping = true;
    if (this.discoverTimer) clearInterval(this.discoverTimer);
    const closing = [...this.workers.values()].map((w) => w.close());
    for (const runId of this.running.keys()) this.cancel(runId, reason);
    await Promise.all(closing);
    await Promise.all([this.subscriber.quit(), this.redis.quit()]).catch(() => {});
  }

  private cancel(runId: string, why: string): void {
    this.running.get(runId)?.cancel(why);
  }

  private async discover(): Promise<void> {
    for (const id of await this.redis.smembers(QUEUE_REGISTRY)) {
      if (this.stopping || this.workers.has(id)) continue;
      const names = remoteNames(id);
      await this.subscriber.subscribe(names.cancelChannel);
      const lockDuration = this.o.stallAfterMs ?? 30_000;
      const worker = new Worker(names.queue, (job, token) => this.process(names, job, token), {
        connection: this.o.connection,
        concurrency: this.o.concurrency ?? 1,
        lockDuration,
        stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
        maxStalledCount: (this.o.attempts ?? DEFAULT_ATTEMPTS) - 1,
      });
      worker.on('error', (err) => this.o.log?.(`queue ${names.queue}: ${err.message}`));
      reportFailures(worker, new ResultsWriter(this.redis, names.results), this.o.log);
      this.workers.set(id, worker);
      this.o.log?.(`serving queue ${names.queue}`);
    }
  }

  private async process(names: RemoteNames, job: QueueJob, token?: string): Promise<string> {
    if (this.stopping) {
      // taken as the worker closed: back to the queue for another worker, not counted as a failure
      await job.moveToDelayed(Date.now(), token);
      throw new DelayedError();
    }
    const out = new ResultsWriter(this.redis, names.results);
    const attempt = Math.max(1, job.attemptsStarted);
    const runId = String((job.data as { runId?: unknown })?.runId ?? '');
    if (runId && (await this.redis.sismember(names.cancelled, runId))) {
      out.append({
        type: 'finished',
        runId,
        attempt,
        at: Date.now(),
        status: 'cancelled',
        epochs: 0,
        message: 'cancelled before it started',
      });
      await out.flush();
      return 'cancelled';
    }
    const progress = progressPublisher(this.redis, names.progressChannel);
    const r = runQueueJob(job, out, { ...this.o, machine: this.machine }, progress);
    if ('error' in r) {
      this.o.log?.(`run ${r.runId}: ${r.error}`);
      if (r.runId)
        out.append({
          type: 'finished',
          runId: r.runId,
          attempt,
          at: Date.now(),
          status: 'failed',
          epochs: 0,
          message: r.error,
        });
      await out.flush();
      return 'failed';
    }
    // `concurrency` runs share this process: one BLAS thread each, unless one trains alone
    const release = (this.o.blasThreads ?? processBlasThreads).begin();
    this.running.set(r.runId, r);
    this.o.log?.(`run ${r.runId}: attempt ${r.attempt} started`);
    try {
      // the trainer's share ends with its training, not after the results are flushed
      const end = await r.done.finally(release);
      out.append({ type: 'finished', runId: r.runId, attempt, at: Date.now(), ...end, message: end.message ?? null });
      await out.flush();
      this.o.log?.(`run ${r.runId}: ${end.status} after ${end.epochs} epoch(s)`);
      return end.status;
    } finally {
      this.running.delete(r.runId);
    }
  }
}
