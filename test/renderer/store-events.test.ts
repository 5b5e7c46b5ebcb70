// @vitest-environment happy-dom
/** Stores hear service events only while they live: disposed stores (or a disposed Pinia) hear nothing. */
import { EVENTS } from '@core/api/contract.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, effectScope } from 'vue';
import { API_KEY } from '../../renderer/src/api/inject.ts';
import { useAppStore } from '../../renderer/src/stores/app.ts';
import { useCompareStore } from '../../renderer/src/stores/compare.ts';
import { useDesignStore } from '../../renderer/src/stores/design.ts';
import { onServiceEvent } from '../../renderer/src/stores/events.ts';
import { useLiveStore } from '../../renderer/src/stores/live.ts';
import { installStores } from '../../renderer/src/stores/pinia.ts';
import { useRunsStore } from '../../renderer/src/stores/runs.ts';
import { makeEpoch } from '../unit/store/fixtures/records.ts';
import { appWith, fakeApi, type FakeApi } from './fake-api.ts';
import { makeRun } from './run-fixtures.ts';

const runs = [makeRun('a', { status: 'completed' }), makeRun('b', { status: 'completed' })];
const historyApi = () =>
  fakeApi({
    'runs.list': () => ({ total: runs.length, items: runs }),
    'runs.active': () => ({ running: [], queued: [], progress: {} }),
    'experiments.list': () => [],
  });

/** Everything the service sends when a sweep's run ends, then the refresh delay passes. */
async function aRunEnds(...fakes: FakeApi[]) {
  for (const f of fakes) {
    f.emit('run.finished', { runId: 'a', status: 'completed', epochs: 2, message: null });
    f.emit('runs.changed', { reason: 'updated' });
    f.emit('run.started', { runId: 'b', backend: makeRun('b').backend! });
  }
  await vi.advanceTimersByTimeAsync(500);
}

describe('store event subscriptions', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a runs store disposed with $dispose never calls runs.list again, even with a refresh pending', async () => {
    const fake = historyApi();
    const store = appWith(fake.api).use(useRunsStore);
    await store.reload();
    fake.emit('runs.changed', { reason: 'created' }); // schedules a refresh in 150 ms
    store.$dispose();
    const before = fake.inputsOf('runs.list').length;
    await aRunEnds(fake);
    expect(fake.inputsOf('runs.list').length).toBe(before);
    expect(fake.listenerCount('runs.changed')).toBe(0);
  });

  it('two live stores each refresh once per burst; a disposed one on the same api not at all', async () => {
    const [fakeA, fakeB] = [historyApi(), historyApi()];
    const gone = appWith(fakeA.api).use(useRunsStore);
    await gone.reload();
    gone.$dispose();
    const liveA = appWith(fakeA.api).use(useRunsStore);
    const liveB = appWith(fakeB.api).use(useRunsStore);
    await Promise.all([liveA.reload(), liveB.reload()]);
    const before = [fakeA.inputsOf('runs.list').length, fakeB.inputsOf('runs.list').length];
    await aRunEnds(fakeA, fakeB);
    expect(fakeA.inputsOf('runs.list').length - before[0]).toBe(1);
    expect(fakeB.inputsOf('runs.list').length - before[1]).toBe(1);
  });

  it('unmounting the app disposes its Pinia: no store of it listens to any event', async () => {
    const fake = historyApi();
    const app = createApp({ render: () => null });
    app.provide(API_KEY, fake.api);
    installStores(app);
    app.mount(document.createElement('div'));
    const [history] = app.runWithContext(() => [
      useRunsStore(),
      useAppStore(),
      useLiveStore(),
      useCompareStore(),
      useDesignStore(),
    ]);
    await (history as ReturnType<typeof useRunsStore>).reload();
    expect(EVENTS.map((e) => fake.listenerCount(e)).every((n) => n > 0)).toBe(true);
    app.unmount();
    expect(EVENTS.map((e) => [e, fake.listenerCount(e)])).toEqual(EVENTS.map((e) => [e, 0]));
    const before = fake.calls.length;
    await aRunEnds(fake);
    expect(fake.calls.length).toBe(before);
  });

  it('a disposed live store takes no more epochs', async () => {
    const fake = fakeApi({
      'runs.get': () => makeRun('a', { epochsDone: 0 }),
      'runs.active': () => ({ running: ['a'], queued: [], progress: {} }),
      'runs.epochs': () => [],
    });
    const store = appWith(fake.api).use(useLiveStore);
    await store.open('a');
    fake.emit('run.epoch', { runId: 'a', record: makeEpoch(1) });
    await vi.advanceTimersByTimeAsync(500);
    expect(store.epochs.map((e) => e.epoch)).toEqual([1]);
    store.$dispose();
    fake.emit('run.epoch', { runId: 'a', record: makeEpoch(2) });
    await vi.advanceTimersByTimeAsync(500);
    expect(store.epochs.map((e) => e.epoch)).toEqual([1]);
    expect(fake.listenerCount('run.epoch')).toBe(0);
  });
});

it('onServiceEvent outside any effect scope refuses, naming the event', () => {
  const fake = fakeApi();
  expect(() => onServiceEvent(fake.api, 'run.epoch', () => {})).toThrow(/onServiceEvent\('run.epoch'\).*effect scope/);
  expect(fake.listenerCount('run.epoch')).toBe(0);
  const scope = effectScope();
  scope.run(() => onServiceEvent(fake.api, 'run.epoch', () => {}));
  expect(fake.listenerCount('run.epoch')).toBe(1);
  scope.stop();
  expect(fake.listenerCount('run.epoch')).toBe(0);
});
