/**
 * The service's connection to a remote queue: submits runs, sends cancels, and follows the result
 * stream into the database while the service is open (or drains it once, for `sync`).
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { RunPlan } from '../api/handlers/experiments.ts';
import type { SchedulerEvents } from '../api/scheduler.ts';
import { RemoteRuns, type RunStore } from '../store/index.ts';
import { connectionOptions, parseRedisUrl, type RedisTarget, type RemoteConfig } from './connection.ts';
import { jobIdOf, QUEUE_REGISTRY, type RemoteNames, remoteNames } from './names.ts';
import { ResultsReader } from './results-reader.ts';
import { submitPlan, type Submitted } from './submit.ts';

/** How long one blocking read waits: also how long close() may take. */
const BLOCK_MS = 500;

export class RemoteLink {
  readonly target: RedisTarget;
  private open: {
    runs: RemoteRuns;
    names: RemoteNames;
    redis: Redis;
    reader: ResultsReader;
    readerRedis: Redis;
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
    await c.redis.sadd(QUEUE_REGISTRY, c.names.databaseId);
    const submitted = await submitPlan(c.runs, c.queue, plan);
    this.follow();
    return submitted;
  }

  /** Whether `runId` was submitted to a remote queue (then cancel goes there). */
  isRemote(runId: string): boolean {
    return this.store.getRun(runId)?.remote === true;
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

  /** Keep reading in the background until close(); a Redis outage pauses it, never ends it. */
  follow(): void {
    if (this.following || this.closed) return;
    const reader = this.connect().reader;
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

  async close(): Promise<void> {
    this.closed = true;
    await this.following;
    if (!this.open) return;
    const { redis, readerRedis, queue } = this.open;
    await queue.close();
    await Promise.all([redis.quit(), readerRedis.quit()]).catch(() => {});
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
    this.open = {
      runs,
      names,
      redis: this.client(connection),
      readerRedis,
      reader: new ResultsReader(readerRedis, names, runs, this.events, this.log),
      queue: new Queue(names.queue, { connection }).on('error', (err) => this.log(`queue: ${err.message}`)),
    };
    return this.open;
  }
}
