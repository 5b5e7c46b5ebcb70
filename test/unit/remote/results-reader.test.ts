/**
 * The reader acknowledges an entry only after it is committed: a store failure leaves it pending,
 * and the next read applies it, once. Runs against a private redis-server.
 */
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultsReader } from '../../../src/remote/results-reader.ts';
import { ResultsWriter } from '../../../src/remote/results-writer.ts';
import { remoteNames } from '../../../src/remote/names.ts';
import { openStore, RemoteRuns } from '../../../src/store/index.ts';
import { startRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { BACKEND, makeEpoch, makeSpec } from '../store/fixtures/records.ts';
import { useTempDirs } from '../store/temp-dirs.ts';

const tempDir = useTempDirs();
let redis: TestRedis;
beforeAll(async () => void (redis = await startRedis()));
afterAll(() => redis.stop());

describe('ResultsReader', () => {
  it('a failed commit leaves the entry pending; the next drain applies it exactly once', async () => {
    const store = openStore(join(tempDir(), 'r.db'));
    const runs = new RemoteRuns(store);
    const names = remoteNames(runs.databaseId());
    const { id } = runs.runFor('r:k', { spec: makeSpec({ epochs: 2 }), name: 'r', tags: [], notes: '' });
    const conn = new Redis(redis.url);
    const out = new ResultsWriter(conn, names.results);
    out.append({ type: 'started', runId: id, attempt: 1, at: 1, backend: BACKEND, machine: 'w' });
    out.append({ type: 'epoch', runId: id, attempt: 1, at: 2, record: makeEpoch(1) });
    out.append({ type: 'epoch', runId: id, attempt: 1, at: 3, record: makeEpoch(2) });
    out.append({ type: 'finished', runId: id, attempt: 1, at: 4, status: 'completed', epochs: 2, message: null });
    await out.flush();

    const epochs: number[] = [];
    const reader = new ResultsReader(conn, names, runs, { onEpoch: (_id, r) => epochs.push(r.epoch) });
    const real = runs.epoch.bind(runs);
    let failOnce = true;
    runs.epoch = (runId, attempt, rec) => {
      if (rec.epoch === 2 && failOnce) {
        failOnce = false;
        throw new Error('disk full');
      }
      return real(runId, attempt, rec);
    };
    await expect(reader.drain()).rejects.toThrow(/disk full/);
    expect(store.getRun(id)).toMatchObject({ status: 'running', epochsDone: 1 });
    expect(await reader.drain()).toBe(2);
    expect(store.getRun(id)).toMatchObject({ status: 'completed', epochsDone: 2 });
    expect(store.getEpochs(id).map((e) => e.epoch)).toEqual([1, 2]);
    expect(epochs).toEqual([1, 2]);
    expect(await reader.drain()).toBe(0);
    conn.disconnect();
    store.close();
  });
});
