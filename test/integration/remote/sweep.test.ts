/**
 * Done-when: three worker processes train a 12-run sweep submitted from the CLI; the database
 * ends with every run completed and every epoch exactly once; resubmitting trains nothing twice.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.ts';
import { epochNumbers, type Harness, remoteHarness, runRows, streamEntries, tinySweep } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await remoteHarness();
  await Promise.all(['w1', 'w2', 'w3'].map((name) => h.startWorker(name)));
});
afterAll(() => h.close());

describe('a sweep on three remote workers', () => {
  it('trains all 12 runs, each epoch exactly once, spread over the workers', async () => {
    const db = join(h.dir, 'sweep.db');
    const sweep = tinySweep(h.dir, 'twelve', { runs: 12, epochs: 2 });
    const started = Date.now();
    const r = await cli(['run', sweep, '--remote', h.redis.url, '--db', db]);
    // the figure for the report: how long the sweep took on three workers here
    console.log(`12-run sweep on 3 workers: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const runs = runRows(db);
    expect(runs).toHaveLength(12);
    for (const run of runs) {
      expect(run).toMatchObject({ status: 'completed', attempts: 1, epochs_done: 2 });
      expect(epochNumbers(db, run.id)).toEqual([1, 2]);
    }
    expect(new Set(runs.map((run) => run.machine))).toEqual(new Set(['w1', 'w2', 'w3']));
    const entries = await streamEntries(h.redis.url, db);
    expect(entries.filter((e) => e.type === 'started')).toHaveLength(12);
    expect(entries.filter((e) => e.type === 'epoch')).toHaveLength(24);
  });

  it('resubmitting the same sweep trains nothing twice and answers with the same runs', async () => {
    const db = join(h.dir, 'sweep.db');
    const before = await streamEntries(h.redis.url, db);
    const ids = runRows(db).map((run) => run.id);
    const r = await cli(['run', join(h.dir, 'twelve.json'), '--remote', h.redis.url, '--db', db, '--json']);
    expect(r.code).toBe(0);
    expect(runRows(db).map((run) => run.id)).toEqual(ids);
    // nothing new on the stream: no worker started any run again
    await new Promise((res) => setTimeout(res, 3000));
    expect(await streamEntries(h.redis.url, db)).toHaveLength(before.length);
  });
});
