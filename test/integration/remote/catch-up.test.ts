/**
 * Done-when: the app's consumer stopped while 4 runs train, restarted later → it catches up with
 * every epoch, once. Cancel of a remote running run → cancelled within 2 s, its epochs kept.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalClient } from '../../../src/api/local-client.ts';
import { Service } from '../../../src/api/service.ts';
import { openStore } from '../../../src/store/index.ts';
import { cli, startCli } from '../../helpers/cli.ts';
import { epochNumbers, type Harness, remoteHarness, runRows, streamEntries, tinySweep, until } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await remoteHarness();
  await Promise.all(['w1', 'w2'].map((name) => h.startWorker(name)));
});
afterAll(() => h.close());

describe('the app away and back', () => {
  it('a consumer killed while 4 runs train catches up with every epoch when sync runs later', async () => {
    const db = join(h.dir, 'away.db');
    const run = startCli([
      'run',
      tinySweep(h.dir, 'four', { runs: 4, epochs: 3 }),
      '--remote',
      h.redis.url,
      '--db',
      db,
    ]);
    await until('a run training', () => runRows(db).some((r) => r.status === 'running'));
    run.child.kill('SIGKILL');
    await run.done;
    const finished = async () => (await streamEntries(h.redis.url, db)).filter((e) => e.type === 'finished').length;
    await until('all 4 runs finished on the workers', async () => (await finished()) === 4);
    expect(runRows(db).filter((r) => r.status === 'completed').length).toBeLessThan(4);

    const r = await cli(['sync', '--redis', h.redis.url, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 remote run\(s\) still queued or running/);
    const runs = runRows(db);
    expect(runs).toHaveLength(4);
    for (const row of runs) {
      expect(row).toMatchObject({ status: 'completed', attempts: 1, epochs_done: 3 });
      expect(epochNumbers(db, row.id)).toEqual([1, 2, 3]);
    }
    // a second sync finds nothing new and changes nothing
    expect((await cli(['sync', '--redis', h.redis.url, '--db', db])).stdout).toMatch(/^0 result\(s\) read/);
  });

  it('cancel of a remote running run: the worker stops within 2 s of hearing it, epochs kept', async () => {
    const db = join(h.dir, 'cancel.db');
    const service = new Service({ store: openStore(db), dbPath: db, remote: { url: h.redis.url } });
    const client = createLocalClient(service);
    try {
      const epochs: number[] = [];
      let ended: ((s: string) => void) | null = null;
      const end = new Promise<string>((resolve) => (ended = resolve));
      client.subscribe('run.epoch', (p) => epochs.push(p.record.epoch));
      client.subscribe('run.finished', (p) => ended!(p.status));
      const spec = { epochs: 500, data: { kind: 'shapes', imageSize: 8, trainCount: 256, valCount: 16 } };
      const started = await client.invoke('runs.start', { spec: { ...spec, model: { depth: 2, width: 8 } } });
      if (!started.ok) throw new Error(started.error.message);
      const [id] = started.value.runIds;
      await until('an epoch through the live events', () => epochs.length >= 1);
      const asked = Date.now();
      expect(await client.invoke('runs.cancel', { id })).toEqual({ ok: true, value: { cancelled: true } });
      expect(await end).toBe('cancelled');
      const entries = (await streamEntries(h.redis.url, db)).filter((e) => e.runId === id);
      const heard = entries.find((e) => e.type === 'cancelling')!.at;
      const stopped = entries.find((e) => e.type === 'finished')!.at;
      console.log(`cancel: heard by the worker after ${heard - asked} ms, stopped ${stopped - heard} ms later`);
      expect(stopped - heard).toBeLessThan(2000);
      const run = runRows(db)[0];
      expect(run.status).toBe('cancelled');
      expect(run.epochs_done).toBeGreaterThanOrEqual(1);
      expect(epochNumbers(db, id)).toEqual(Array.from({ length: run.epochs_done }, (_, i) => i + 1));
    } finally {
      await service.close();
    }
  });
});
