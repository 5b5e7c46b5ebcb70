/**
 * Done-when: kill -9 of a worker mid-run → the run completes on another worker as attempt 2 with
 * no gap and no duplicate epoch. And a SIGTERM'd worker cancels and marks its running run while
 * the runs still waiting stay queued for the next worker: none is lost.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../../helpers/cli.ts';
import { epochNumbers, type Harness, remoteHarness, runRows, until, type WorkerProc } from './harness.ts';

const STALL = ['--stall-after', '4'];
let h: Harness;
let workers: WorkerProc[];
beforeAll(async () => {
  h = await remoteHarness();
  workers = await Promise.all(['a', 'b'].map((name) => h.startWorker(name, STALL)));
});
afterAll(() => h.close());

function sweepFile(name: string, epochs: number[]): string {
  const path = join(h.dir, `${name}.json`);
  const base = { data: { kind: 'shapes', imageSize: 8, trainCount: 256, valCount: 16 }, model: { depth: 2, width: 8 } };
  writeFileSync(path, JSON.stringify({ name, base: { ...base, tasks: [{ kind: 'cls' }] }, sweep: { epochs } }));
  return path;
}

describe('workers that die or stop', () => {
  it('kill -9 mid-run: the run completes on the other worker, attempts = 2, every epoch once', async () => {
    const db = join(h.dir, 'kill.db');
    const run = startCli(['run', sweepFile('killed', [12]), '--remote', h.redis.url, '--db', db]);
    await until('two epochs stored', () => (runRows(db)[0]?.epochs_done ?? 0) >= 2);
    const first = runRows(db)[0].machine;
    const victim = workers.find((w) => w.name === first)!;
    victim.child.kill('SIGKILL');
    const r = await run.done;
    expect(r.code).toBe(0);
    const [row] = runRows(db);
    expect(row).toMatchObject({ status: 'completed', attempts: 2, epochs_done: 12 });
    expect(row.machine).not.toBe(first);
    expect(epochNumbers(db, row.id)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('SIGTERM: the running run is cancelled and marked, the waiting one trains on the next worker', async () => {
    const db = join(h.dir, 'term.db');
    const survivor = workers.find((w) => w.child.exitCode === null && w.child.signalCode === null)!;
    const run = startCli(['run', sweepFile('stopped', [400, 2]), '--remote', h.redis.url, '--db', db]);
    await until('the long run training', () => (runRows(db)[0]?.epochs_done ?? 0) >= 1);
    survivor.child.kill('SIGTERM');
    expect((await survivor.done).code).toBe(0);
    await until('the long run marked', () => runRows(db)[0].status === 'cancelled');
    const [stopped, waiting] = runRows(db);
    expect(stopped.error).toMatch(/SIGTERM/);
    expect(epochNumbers(db, stopped.id)).toEqual(Array.from({ length: stopped.epochs_done }, (_, i) => i + 1));
    expect(waiting.status).toBe('queued');
    await h.startWorker('c', STALL);
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(runRows(db)[1]).toMatchObject({ status: 'completed', machine: 'c', attempts: 1, epochs_done: 2 });
  });
});
