/**
 * A remote worker with `concurrency` > 1 keeps the BLAS threads to the runs it trains, like the
 * local scheduler: every core for one, 1 each for two, and a failed run gives its share back.
 * Runs against a private redis-server, with trainers injected (no tfjs).
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_REGISTRY, remoteNames } from '../../../src/remote/names.ts';
import { RemoteWorker } from '../../../src/remote/worker.ts';
import { BlasThreadPolicy } from '../../../src/train/backend/blas-threads.ts';
import { startRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { manualJobs } from '../api/fake-jobs.ts';
import { makeSpec } from '../store/fixtures/records.ts';

let redis: TestRedis;
beforeAll(async () => void (redis = await startRedis()));
afterAll(() => redis.stop());

async function until(what: string, check: () => boolean): Promise<void> {
  const end = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('RemoteWorker and the BLAS threads', () => {
  it('one run: every core; two: 1 each; back to every core when one ends, 1 when none trains', async () => {
    const connection = { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null };
    const names = remoteNames(randomUUID().replaceAll('-', ''));
    const conn = new Redis(connection);
    await conn.sadd(QUEUE_REGISTRY, names.databaseId);
    const queue = new Queue(names.queue, { connection });
    const fake = manualJobs();
    const applied: number[] = [];
    const blasThreads = new BlasThreadPolicy({ cores: 4, apply: (n) => applied.push(n) });
    const worker = new RemoteWorker({
      connection,
      concurrency: 2,
      startJob: fake.factory,
      blasThreads,
      discoverEveryMs: 50,
    });
    await worker.start();
    const add = () =>
      queue.add('run', { runId: randomUUID(), experimentId: null, name: 'r', spec: makeSpec({ epochs: 1 }) });
    try {
      await add();
      await until('the first run to start', () => fake.started.length === 1);
      expect([blasThreads.trainers, applied]).toEqual([1, [4]]);
      await add();
      await until('the second run to start', () => fake.started.length === 2);
      expect(applied).toEqual([4, 1]);
      fake.jobs.get(fake.started[0])!.finish('failed', 'trainer crashed');
      await until('the first share to be given back', () => blasThreads.trainers === 1);
      expect(applied).toEqual([4, 1, 4]);
      fake.jobs.get(fake.started[1])!.finish();
      await until('the second share to be given back', () => blasThreads.trainers === 0);
      expect(applied).toEqual([4, 1, 4, 1]);
    } finally {
      await worker.stop();
      await queue.close();
      conn.disconnect();
    }
  });
});
