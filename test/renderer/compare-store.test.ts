// @vitest-environment happy-dom
import type { ApiClient, Envelope, Method } from '@core/api/contract.ts';
import type { RunDetail } from '@core/store/types.ts';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import { API_KEY } from '../../renderer/src/api/inject.ts';
import { parseIds, useCompareStore } from '../../renderer/src/stores/compare.ts';
import { makeEpoch, makeSpec } from '../unit/store/fixtures/records.ts';

const detail = (id: string, lambda: number) => ({ id, name: `λ=${lambda}`, spec: makeSpec({ weighting: { method: 'fixed', lambda } }) }) as unknown as RunDetail;
const RUNS: Record<string, RunDetail> = { a: detail('a', 0.25), b: detail('b', 0.5), c: detail('c', 0.5), d: detail('d', 0.75) };

function fakeApi() {
  const calls: Array<{ method: Method; input: any }> = [];
  const answer: Partial<Record<Method, (i: any) => unknown>> = {
    'runs.compare': ({ ids }: { ids: string[] }) => ({
      runs: ids.map((id) => RUNS[id]),
      epochs: Object.fromEntries(ids.map((id) => [id, [makeEpoch(1), makeEpoch(2)]])),
      diff: [{ path: 'weighting.lambda', values: ids.map((id) => RUNS[id].spec.weighting.lambda) }],
    }),
    'runs.get': ({ id }: { id: string }) => RUNS[id],
    'runs.epochs': () => [makeEpoch(1)],
  };
  const api: ApiClient = {
    async invoke(method, input) {
      calls.push({ method, input });
      return { ok: true, value: answer[method]!(input) } as Envelope<never>;
    },
    subscribe: () => () => {},
  };
  return { api, calls };
}

describe('compare store', () => {
  let fake: ReturnType<typeof fakeApi>;
  let store: ReturnType<typeof useCompareStore>;
  beforeEach(() => {
    fake = fakeApi();
    const app = createApp({ render: () => null });
    app.provide(API_KEY, fake.api);
    const pinia = createPinia();
    app.use(pinia);
    setActivePinia(pinia);
    store = app.runWithContext(() => useCompareStore());
  });

  it('loads runs.compare once for a set of ids', async () => {
    await store.open(['a', 'b']);
    await store.open(['a', 'b']);
    expect(fake.calls.map((c) => c.method)).toEqual(['runs.compare']);
    expect(store.ids).toEqual(['a', 'b']);
    expect(Object.keys(store.epochs)).toEqual(['a', 'b']);
    expect(store.diff).toHaveLength(1);
  });

  it('refuses fewer than 2 or more than 20 runs without asking the service', async () => {
    await store.open(['a']);
    expect(store.runs).toEqual([]);
    expect(store.error).toBeNull();
    await store.open(Array.from({ length: 21 }, (_, i) => `r${i}`));
    expect(store.error).toMatch(/at most 20/);
    expect(fake.calls).toEqual([]);
  });

  it('adds a run with runs.get + runs.epochs and recomputes the diff locally', async () => {
    await store.open(['b', 'c']);
    expect(store.diff).toHaveLength(1); // the fake's diff, as the service sent it
    await store.add('d');
    expect(fake.calls.map((c) => c.method)).toEqual(['runs.compare', 'runs.get', 'runs.epochs']);
    expect(store.ids).toEqual(['b', 'c', 'd']);
    expect(store.epochs.d).toHaveLength(1);
    expect(store.diff).toEqual([{ path: 'weighting.lambda', values: [0.5, 0.5, 0.75] }]);
    await store.add('d');
    expect(fake.calls).toHaveLength(3);
  });

  it('removes a run locally, narrowing the diff, and keeps at least two', async () => {
    await store.open(['a', 'b', 'c']);
    store.remove('a');
    expect(store.ids).toEqual(['b', 'c']);
    expect(store.diff).toEqual([]); // b and c share λ = 0.5
    expect(Object.keys(store.epochs)).toEqual(['b', 'c']);
    store.remove('b');
    expect(store.ids).toEqual(['b', 'c']);
    expect(fake.calls).toHaveLength(1);
  });
});

it('parseIds reads the route query: comma list, repeats and blanks dropped', () => {
  expect(parseIds('a,b,,a, c')).toEqual(['a', 'b', 'c']);
  expect(parseIds(['a,b', 'c'])).toEqual(['a', 'b', 'c']);
  expect(parseIds(undefined)).toEqual([]);
});
