/**
 * The service's connection to a remote queue: submits runs, sends cancels, and follows the result
 * stream into the database while the service is open (or drains it once, for `sync`).
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { ApiFailure } from '../api/errors.ts';
import type { RunPlan } from '../api/handlers/experiments.ts';
import type { SchedulerEvents } from '../api/scheduler.ts';
import { RemoteRuns, type RunStore } from '../store/index.ts';
import { connectionOptions, parseRedisUrl, type RedisTarget, type RemoteConfig } from './connection.ts';
import { jobIdOf, QUEUE_REGISTRY, type RemoteNames, remoteNames } from './names.ts';
import { followProgress } from './progress.ts';
import { ResultsReader } from './results-reader.ts';
import { submitPlan, type Submitted } from './submit.ts';

/** How long one blocking read waits. */
const BLOCK_MS = 500;
/** How long a submit waits for an unreachable server before it says so. */
const REACH_MS = 10_000;

export class RemoteLink {
  readonly target: RedisTarget;
  private open: {
    runs: RemoteRuns;
    names: RemoteNames;
    redis: Redis;
    reader: ResultsReader;
    readerRedis: Redis;
    /** subscribed to the progress channel once following */
    progressRedis: Redis;
    queue: Queue;
  } | null = null;
  private following: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly store: RunStore,
    config: RemoteConfig,
    private readonly events: SchedulerEvents,
    private readonly log: (line: string) => void = () => {},
  ) {
    // a bad URL is refused here, before any database or connection exists
    this.target = parseRedisUrl(config);
  }

  async submit(plan: RunPlan): Promise<Submitted> {
    const c = this.connect();
    // a submit to a server that cannot be reached says so, before any run is created here
    await this.reachable(c.redis);
    await c.redis.sadd(QUEUE_REGISTRY, c.names.databaseId);
    const submitted = await submitPlan(c.runs, c.queue, plan);
    this.follow();
    return submitted;
  }

  /**
   * Cancel a remote run: a waiting job is removed and the run ended here; a running one hears it
   * over pub/sub (and from the cancelled set if it starts later) and ends itself.
   * @returns true when the run ended here at once
   */
  async cancel(runId: string): Promise<boolean> {
    const c = this.connect();
    await c.redis.sadd(c.names.cancelled, runId);
    await c.redis.publish(c.names.cancelChannel, runId);
    const experimentId = this.store.getRun(runId)?.experimentId ?? null;
    const removed = await c.queue.remove(jobIdOf(experimentId, runId)).catch(() => 0);
    return removed === 1;
  }

  /** Read the stream until nothing is left; resolves with how many entries were read. */
  drain(): Promise<number> {
    return this.connect().reader.drain();
  }

  /**
   * Keep reading in the background until close(); a Redis outage pauses it, never ends it. Progress
   * is heard from here on too (ioredis subscribes again after a reconnect).
   */
  follow(): void {
    if (this.following || this.closed) return;
    const { reader, progressRedis, names } = this.connect();
    void followProgress(progressRedis, names.progressChannel, {
      // only a run this database has running: a message may come after the run's end was applied
      accept: (runId) => this.store.getRun(runId)?.status === 'running',
      onProgress: (p) => this.events.onProgress?.(p),
      log: this.log,
    }).catch((err: Error) => this.closed || this.log(`remote progress: ${err.message}`));
    this.following = (async () => {
      while (!this.closed) {
        try {
          await reader.readOnce(BLOCK_MS);
        } catch (err) {
          if (this.closed) return;
          this.log(`remote results: ${(err as Error).message}; retrying`);
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    })();
  }

  openRunIds(): string[] {
    return this.connect().runs.openRunIds();
  }

  /**
   * Stop following and drop the connections. Every write that mattered was awaited where it was
   * made, so nothing is lost; disconnecting (not QUIT) also ends a read left waiting by an outage.
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.open) {
      this.open.readerRedis.disconnect();
      this.open.progressRedis.disconnect();
      this.open.redis.disconnect();
    }
    await this.following;
  }

  private async reachable(redis: Redis): Promise<void> {
    let lastError = '';
    const onError = (err: Error) => (lastError = err.message);
    redis.on('error', onError);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const why = lastError ? `: ${lastError}` : '';
        reject(
          new ApiFailure({
            code: 'invalid_state',
            field: 'redis',
            message: `cannot reach Redis at ${this.target.display} within ${REACH_MS / 1000} s${why}`,
          }),
        );
      }, REACH_MS);
    });
    try {
      await Promise.race([redis.ping(), timeout]);
    } finally {
      clearTimeout(timer);
      redis.off('error', onError);
    }
  }

  /** ioredis reports connection errors as events; without a listener it prints each to the console */
  private client(connection: ReturnType<typeof connectionOptions>): Redis {
    return new Redis(connection).on('error', (err: Error) => this.log(`redis ${this.target.display}: ${err.message}`));
  }

  private connect() {
    if (this.open) return this.open;
    const connection = connectionOptions(this.target);
    const runs = new RemoteRuns(this.store);
    const names = remoteNames(runs.databaseId());
    const readerRedis = this.client(connection);
    const redis = this.client(connection);
    this.open = {
      runs,
      names,
      redis,
      readerRedis,
      // lazy: `sync` drains the stream and never subscribes
      progressRedis: this.client({ ...connection, lazyConnect: true }),
      reader: new ResultsReader(readerRedis, names, runs, this.events, this.log),
      // on our own connection, so close() can drop it even when it never came up
      queue: new Queue(names.queue, { connection: redis }).on('error', (err) => this.log(`queue: ${err.message}`)),
    };
    return this.open;
  }
}
