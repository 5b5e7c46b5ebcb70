/**
 * A run whose workers keep dying is retried up to the limit, then marked failed with the reason
 * (here the limit is one start, so one kill -9 is enough); the epochs it stored are kept.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../../helpers/cli.ts';
import { epochNumbers, type Harness, remoteHarness, runRows, tinySweep, until, type WorkerProc } from './harness.ts';

let h: Harness;
let workers: WorkerProc[];
beforeAll(async () => {
  h = await remoteHarness();
  const flags = ['--stall-after', '3', '--attempts', '1'];
  workers = await Promise.all(['a', 'b'].map((name) => h.startWorker(name, flags)));
});
afterAll(() => h.close());

describe('the attempt limit', () => {
  it('after the last allowed start dies, the run is failed with the reason, its epochs kept', async () => {
    const db = join(h.dir, 'limit.db');
    const sweep = tinySweep(h.dir, 'limit', { runs: 1, epochs: 40, trainCount: 256 });
    const run = startCli(['run', sweep, '--remote', h.redis.url, '--db', db]);
    await until('two epochs stored', () => (runRows(db)[0]?.epochs_done ?? 0) >= 2);
    workers.find((w) => w.name === runRows(db)[0].machine)!.child.kill('SIGKILL');
    const r = await run.done;
    expect(r.code).toBe(1);
    const [row] = runRows(db);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.error).toMatch(/stopped before it finished, 1 time\(s\)/);
    expect(epochNumbers(db, row.id)).toEqual(Array.from({ length: row.epochs_done }, (_, i) => i + 1));
  });
});
