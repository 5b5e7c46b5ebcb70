// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { watch } from 'vue';
import { useLiveStore } from '../../renderer/src/stores/live.ts';
import { makeEpoch } from '../unit/store/fixtures/records.ts';
import { appWith, fakeApi } from './fake-api.ts';
import { type FakeState, makeRun, runReplies } from './run-fixtures.ts';

const epochs = (n: number, from = 1) => Array.from({ length: n }, (_, i) => makeEpoch(from + i));

/** The live store in a fresh Pinia over the shared fake api answering from `state`. */
function setup(state: FakeState) {
  const fake = fakeApi(runReplies(state));
  const store = appWith(fake.api).use(useLiveStore);
  let assignments = 0;
  watch(
    () => store.epochs,
    () => assignments++,
    { flush: 'sync' },
  );
  return { ...fake, store, assignments: () => assignments };
}

const settle = () => new Promise((r) => setTimeout(r, 450));

describe('live store', () => {
  it('loads a run and its epochs in ranges, in order', async () => {
    const t = setup({
      runs: [makeRun('a', { epochsDone: 200, epochsPlanned: 200, status: 'completed' })],
      epochs: { a: epochs(200) },
      running: [],
      queued: [],
    });
    await t.store.open('a');
    expect(t.store.run?.id).toBe('a');
    expect(t.store.epochs.map((e) => e.epoch)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(t.calls.filter((c) => c.method === 'runs.epochs').map((c) => [c.input.from, c.input.to])).toEqual([
      [1, 20],
      [21, 80],
      [81, 140],
      [141, undefined],
    ]);
    expect(t.store.timing.allAt).toBeGreaterThanOrEqual(t.store.timing.firstAt);
    expect(t.store.loading).toBe(false);
  });

  it('appends epochs from events in batches, without duplicates', async () => {
    const t = setup({ runs: [makeRun('a', { epochsDone: 3 })], epochs: { a: epochs(3) }, running: ['a'], queued: [] });
    await t.store.open('a');
    const before = t.assignments();
    for (const record of [makeEpoch(4), makeEpoch(3), makeEpoch(5), makeEpoch(4)])
      t.emit('run.epoch', { runId: 'a', record });
    t.emit('run.epoch', { runId: 'other', record: makeEpoch(9) });
    await settle();
    expect(t.store.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(t.assignments() - before).toBe(1);
  });

  it('keeps epochs that arrive while loading', async () => {
    const t = setup({ runs: [makeRun('a', { epochsDone: 2 })], epochs: { a: epochs(2) }, running: ['a'], queued: [] });
    const opening = t.store.open('a');
    await Promise.resolve();
    t.emit('run.epoch', { runId: 'a', record: makeEpoch(3) });
    await opening;
    await settle();
    expect(t.store.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
  });

  it('follows progress, and on run.finished takes the status and any missed epoch', async () => {
    const state: FakeState = {
      runs: [makeRun('a', { epochsDone: 1 })],
      epochs: { a: epochs(1) },
      running: ['a'],
      queued: [],
    };
    const t = setup(state);
    await t.store.open('a');
    t.emit('run.progress', {
      runId: 'a',
      epoch: 2,
      epochs: 10,
      batch: 1,
      batches: 4,
      loss: 1,
      fraction: 0.125,
      elapsedMs: 10,
      etaMs: 70,
    });
    expect(t.store.progress?.fraction).toBe(0.125);
    state.epochs.a = epochs(2);
    state.runs[0] = { ...state.runs[0], status: 'cancelled', epochsDone: 2 };
    t.emit('run.finished', { runId: 'a', status: 'cancelled', epochs: 2, message: null });
    expect(t.store.run?.status).toBe('cancelled');
    expect(t.store.progress).toBeNull();
    await settle();
    expect(t.calls.filter((c) => c.method === 'runs.epochs').at(-1)?.input).toEqual({ id: 'a', from: 2 });
    expect(t.store.epochs.map((e) => e.epoch)).toEqual([1, 2]);
  });

  it('without an id shows the running run, else the newest, else an empty state', async () => {
    const runs = [makeRun('old', { status: 'completed' }), makeRun('new', { status: 'completed' })];
    const running = setup({ runs: [...runs, makeRun('live')], epochs: {}, running: ['live'], queued: [] });
    await running.store.open(null);
    expect(running.store.runId).toBe('live');
    const newest = setup({ runs, epochs: {}, running: [], queued: [] });
    await newest.store.open(null);
    expect(newest.store.runId).toBe('new');
    const none = setup({ runs: [], epochs: {}, running: [], queued: [] });
    await none.store.open(null);
    expect(none.store.empty).toBe(true);
    expect(none.store.run).toBeNull();
  });

  it('cancels the run it shows', async () => {
    const t = setup({ runs: [makeRun('a')], epochs: {}, running: ['a'], queued: [] });
    await t.store.open('a');
    await t.store.cancel();
    expect(t.calls.at(-1)).toEqual({ method: 'runs.cancel', input: { id: 'a' } });
    expect(t.store.cancelling).toBe(true);
  });

  it('shows an error it was answered with', async () => {
    const t = setup({ runs: [], epochs: {}, running: [], queued: [] });
    await t.store.open('missing');
    expect(t.store.error).toMatch(/no answer for runs.get/);
  });
});

describe('live store while loading', () => {
  it('re-reads the run when it finished during the load', async () => {
    const state: FakeState = {
      runs: [makeRun('a', { epochsDone: 1 })],
      epochs: { a: epochs(1) },
      running: ['a'],
      queued: [],
    };
    const t = setup(state);
    const opening = t.store.open('a');
    state.runs[0] = { ...state.runs[0], status: 'completed' };
    t.emit('run.finished', { runId: 'a', status: 'completed', epochs: 1, message: null });
    await opening;
    await settle();
    expect(t.store.run?.status).toBe('completed');
  });
});
