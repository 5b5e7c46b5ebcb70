/** The scheduler's own rules, with jobs injected: no tfjs, no worker threads. */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Scheduler } from '../../../src/api/scheduler.ts';
import { openStore, type RunStore } from '../../../src/store/index.ts';
import type { JobEnd } from '../../../src/train/job.ts';
import { makeSpec } from '../store/fixtures/records.ts';
import { useTempDirs } from '../store/temp-dirs.ts';
import { manualJobs } from './fake-jobs.ts';

const tempDir = useTempDirs();
const stores: RunStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

function setup(parallel: number) {
  const store = openStore(join(tempDir(), 'scheduler.db'));
  stores.push(store);
  const fake = manualJobs();
  const finished = new Map<string, JobEnd>();
  const scheduler = new Scheduler(
    store,
    { onFinished: (id, end) => finished.set(id, end) },
    { parallel, startJob: fake.factory },
  );
  return { store, fake, finished, scheduler };
}

const specs = (n: number) => Array.from({ length: n }, (_, i) => makeSpec({ name: `run ${i}` }));
const settled = () => new Promise((r) => setImmediate(r));

describe('Scheduler', () => {
  it('never trains more than `parallel` runs at once, and starts the next as one ends', async () => {
    const { fake, scheduler } = setup(2);
    const ids = scheduler.enqueue(specs(5));
    expect(fake.started).toEqual(ids.slice(0, 2));
    expect(scheduler.active).toEqual({ running: ids.slice(0, 2), queued: ids.slice(2) });
    fake.jobs.get(ids[1])!.finish();
    await settled();
    expect(fake.started).toEqual(ids.slice(0, 3));
    expect(scheduler.active.running).toEqual([ids[0], ids[2]]);
    for (const id of ids.slice(0, 3)) fake.jobs.get(id)!.finish();
    await settled();
    expect(fake.started).toEqual(ids);
    expect(scheduler.active.running).toHaveLength(2);
  });

  it('a queued run that is cancelled never starts, and is stored as cancelled', async () => {
    const { store, fake, scheduler, finished } = setup(1);
    const [first, second] = scheduler.enqueue(specs(2));
    expect(scheduler.cancel(second)).toBe(true);
    expect(store.getRun(second)?.status).toBe('cancelled');
    fake.jobs.get(first)!.finish();
    await scheduler.idle();
    expect(fake.started).toEqual([first]);
    expect(finished.get(first)?.status).toBe('completed');
    expect(store.getRun(first)?.status).toBe('completed');
  });

  it('a store refusal mid-run cancels the job and marks the run failed with the cause', async () => {
    const { store, fake, scheduler, finished } = setup(1);
    const [id] = scheduler.enqueue(specs(1));
    const job = fake.jobs.get(id)!;
    job.start();
    job.epoch();
    expect(store.getEpochs(id)).toHaveLength(1);
    vi.spyOn(store, 'appendEpoch').mockImplementationOnce(() => {
      throw new Error('disk full');
    });
    job.epoch();
    expect(job.cancelled).toBe(true);
    await scheduler.idle();
    const run = store.getRun(id)!;
    expect(run.status).toBe('failed');
    expect(run.error).toBe('could not store epoch 2: disk full');
    expect(finished.get(id)).toEqual({ status: 'failed', epochs: 1, message: 'could not store epoch 2: disk full' });
    expect(store.getEpochs(id)).toHaveLength(1);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses parallel = %s with an error naming it', (parallel) => {
    const store = openStore(join(tempDir(), 'refuse.db'));
    stores.push(store);
    expect(() => new Scheduler(store, {}, { parallel })).toThrow(/parallel: must be an integer ≥ 1/);
  });

  it('setParallel: growing starts queued runs at once; shrinking cancels none and waits for the queue', async () => {
    const { fake, scheduler } = setup(1);
    const ids = scheduler.enqueue(specs(6));
    expect(fake.started).toEqual(ids.slice(0, 1));
    scheduler.setParallel(3);
    expect(scheduler.parallel).toBe(3);
    expect(fake.started).toEqual(ids.slice(0, 3));
    scheduler.setParallel(1);
    // nothing running is stopped
    expect(ids.slice(0, 3).map((id) => fake.jobs.get(id)!.cancelled)).toEqual([false, false, false]);
    expect(scheduler.active.running).toEqual(ids.slice(0, 3));
    fake.jobs.get(ids[0])!.finish();
    fake.jobs.get(ids[1])!.finish();
    await settled();
    // two still above the new limit of 1 before the finishes, one now: no new start yet
    expect(fake.started).toEqual(ids.slice(0, 3));
    fake.jobs.get(ids[2])!.finish();
    await settled();
    expect(fake.started).toEqual(ids.slice(0, 4));
    expect(scheduler.active.running).toEqual([ids[3]]);
  });

  it.each([0, 2.5, Number.NaN])('setParallel refuses %s and keeps the old limit', (n) => {
    const { scheduler } = setup(2);
    expect(() => scheduler.setParallel(n)).toThrow(/parallel: must be an integer ≥ 1/);
    expect(scheduler.parallel).toBe(2);
  });
});
