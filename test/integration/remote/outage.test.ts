/**
 * A Redis outage pauses the worker and the app, and both resume: the server is killed mid-run and
 * restarted on the same port (from its append-only file), and the run still ends with every epoch once.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../../helpers/cli.ts';
import { epochNumbers, type Harness, remoteHarness, runRows, tinySweep, until } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await remoteHarness(['--appendonly', 'yes', '--appendfsync', 'always']);
  await h.startWorker('w1');
});
afterAll(() => h.close());

describe('a Redis outage', () => {
  it('pauses the worker and the app; both resume and the run completes with every epoch once', async () => {
    const db = join(h.dir, 'outage.db');
    const sweep = tinySweep(h.dir, 'outage', { runs: 1, epochs: 30, trainCount: 256 });
    const run = startCli(['run', sweep, '--remote', h.redis.url, '--db', db]);
    await until('two epochs stored', () => (runRows(db)[0]?.epochs_done ?? 0) >= 2);
    await h.redis.kill();
    // the outage lands mid-run, not after it
    expect(runRows(db)[0].epochs_done).toBeLessThan(30);
    await new Promise((r) => setTimeout(r, 1500));
    await h.redis.start();
    const r = await run.done;
    expect(r.code).toBe(0);
    const [row] = runRows(db);
    expect(row).toMatchObject({ status: 'completed', epochs_done: 30 });
    expect(epochNumbers(db, row.id)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });
});
