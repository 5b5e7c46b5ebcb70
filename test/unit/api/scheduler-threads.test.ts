/** The scheduler keeps the BLAS threads to the runs training: injected jobs and setter, no addon. */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Scheduler } from '../../../src/api/scheduler.ts';
import { openStore, type RunStore } from '../../../src/store/index.ts';
import { BlasThreadPolicy } from '../../../src/train/backend/blas-threads.ts';
import { makeSpec } from '../store/fixtures/records.ts';
import { useTempDirs } from '../store/temp-dirs.ts';
import { manualJobs } from './fake-jobs.ts';

const tempDir = useTempDirs();
const stores: RunStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

const CORES = 4;

function setup(parallel: number) {
  const store = openStore(join(tempDir(), 'threads.db'));
  stores.push(store);
  const fake = manualJobs();
  const applied: number[] = [];
  const blasThreads = new BlasThreadPolicy({ cores: CORES, apply: (n) => applied.push(n) });
  const scheduler = new Scheduler(store, {}, { parallel, startJob: fake.factory, blasThreads });
  return { store, fake, applied, blasThreads, scheduler };
}

const specs = (n: number) => Array.from({ length: n }, (_, i) => makeSpec({ name: `run ${i}` }));
const settled = () => new Promise((r) => setImmediate(r));

describe('Scheduler and the BLAS threads', () => {
  it('one run: every core; two: 1 (set once, before either starts); the second ends: every core', async () => {
    const { fake, applied, scheduler } = setup(2);
    const [a] = scheduler.enqueue(specs(1));
    expect(applied).toEqual([CORES]);
    const [b] = scheduler.enqueue(specs(1));
    expect(applied).toEqual([CORES, 1]);
    fake.jobs.get(b)!.finish();
    await settled();
    expect(applied).toEqual([CORES, 1, CORES]);
    fake.jobs.get(a)!.finish();
    await scheduler.idle();
    expect(applied).toEqual([CORES, 1, CORES, 1]);
  });

  it('a sweep at parallel=2 starts on 1 thread each, and its last run, alone, gets every core', async () => {
    const { fake, applied, scheduler } = setup(2);
    const ids = scheduler.enqueue(specs(3));
    expect(applied).toEqual([1]);
    fake.jobs.get(ids[0])!.finish();
    await settled();
    // the third took the first's place in the same step: no detour through every core
    expect(applied).toEqual([1]);
    fake.jobs.get(ids[1])!.finish();
    await settled();
    expect(applied).toEqual([1, CORES]);
  });

  it('a parallel=1 sweep trains on every core throughout', async () => {
    const { fake, applied, scheduler } = setup(1);
    const ids = scheduler.enqueue(specs(3));
    for (const id of ids) {
      await settled();
      fake.jobs.get(id)!.finish();
    }
    await scheduler.idle();
    expect(applied).toEqual([CORES, 1]);
  });

  it('cancelled, failed and store-refused runs give their share back', async () => {
    const { store, fake, blasThreads, scheduler } = setup(3);
    const ids = scheduler.enqueue(specs(4));
    expect(blasThreads.trainers).toBe(3);
    // a queued run cancelled never held a share
    scheduler.cancel(ids[3]);
    expect(blasThreads.trainers).toBe(3);
    scheduler.cancel(ids[0]);
    fake.jobs.get(ids[1])!.finish('failed', 'trainer crashed');
    const third = fake.jobs.get(ids[2])!;
    vi.spyOn(store, 'appendEpoch').mockImplementationOnce(() => {
      throw new Error('disk full');
    });
    third.epoch();
    await scheduler.idle();
    expect(store.getRun(ids[2])?.status).toBe('failed');
    expect([blasThreads.trainers, blasThreads.threads]).toEqual([0, 1]);
  });
});
