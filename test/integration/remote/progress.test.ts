/**
 * Issue 13: Live works for remote runs as for local ones. A remote run's per-batch progress reaches
 * the service as `run.progress` (and runs.active) before its first epoch ends, at most 2 a second.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../src/domain/records.ts';
import { createLocalClient } from '../../../src/api/local-client.ts';
import { Service } from '../../../src/api/service.ts';
import { openStore } from '../../../src/store/index.ts';
import { type Harness, remoteHarness, until } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await remoteHarness();
  await h.startWorker('w1');
});
afterAll(() => h.close());

describe('progress of a remote run', () => {
  it('run.progress events arrive with increasing batch and fraction before the first epoch ends', async () => {
    const db = join(h.dir, 'progress.db');
    const service = new Service({ store: openStore(db), dbPath: db, remote: { url: h.redis.url } });
    const client = createLocalClient(service);
    try {
      const progress: ProgressEvent[] = [];
      let firstEpochAt = -1;
      client.subscribe('run.progress', (p) => progress.push(p));
      let finished = false;
      client.subscribe('run.finished', () => (finished = true));
      client.subscribe('run.epoch', () => (firstEpochAt = firstEpochAt < 0 ? progress.length : firstEpochAt));
      // many small batches: the first epoch lasts seconds, long enough for several throttled messages
      const spec = {
        epochs: 2,
        batchSize: 4,
        data: { kind: 'shapes', imageSize: 8, trainCount: 8192, valCount: 16 },
        model: { depth: 2, width: 8 },
      };
      const started = await client.invoke('runs.start', { spec });
      if (!started.ok) throw new Error(started.error.message);
      const [id] = started.value.runIds;

      await until('two progress events', () => progress.length >= 2);
      const active = await client.invoke('runs.active', {});
      if (!active.ok) throw new Error(active.error.message);
      expect(active.value.progress[id]).toMatchObject({ runId: id, epochs: 2 });

      await until('the first epoch', () => firstEpochAt >= 0);
      const early = progress.slice(0, firstEpochAt).filter((p) => p.epoch === 1);
      console.log(`${early.length} progress event(s) before epoch 1 ended`);
      expect(early.length).toBeGreaterThanOrEqual(2);
      for (const [i, p] of early.entries()) {
        expect(p).toMatchObject({ runId: id, epoch: 1, epochs: 2, batches: 2048 });
        if (i === 0) continue;
        expect(p.batch).toBeGreaterThan(early[i - 1].batch);
        expect(p.fraction).toBeGreaterThan(early[i - 1].fraction);
        // throttled on the worker: at most 2 a second (the trainer's own clock, some slack for jitter)
        expect(p.elapsedMs - early[i - 1].elapsedMs).toBeGreaterThanOrEqual(400);
      }
      expect(await client.invoke('runs.cancel', { id })).toMatchObject({ ok: true });
      await until('the run ended', () => finished);
      // a progress message published just before the end, heard after it, must not bring the bar back
      await new Promise((r) => setTimeout(r, 1000));
      const after = await client.invoke('runs.active', {});
      expect(after.ok && after.value.progress[id]).toBeUndefined();
    } finally {
      await service.close();
    }
  });
});
