// @vitest-environment happy-dom
import type { RunDetail } from '@core/domain/runs.ts';
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseIds, useCompareStore } from '../../renderer/src/stores/compare.ts';
import { compareDataOf, makeEpoch, makeSpec } from '../unit/store/fixtures/records.ts';
import { appWith, fakeApi } from './fake-api.ts';

const detail = (id: string, lambda: number) =>
  ({ id, name: `λ=${lambda}`, spec: makeSpec({ weighting: { method: 'fixed', lambda } }) }) as unknown as RunDetail;
const RUNS: Record<string, RunDetail> = {
  a: detail('a', 0.25),
  b: detail('b', 0.5),
  c: detail('c', 0.5),
  d: detail('d', 0.75),
};

const compareApi = () =>
  fakeApi({
    'runs.compare': ({ ids, layerFields }) => ({
      runs: ids.map((id) => RUNS[id]),
      diff: [{ path: 'weighting.lambda', values: ids.map((id) => RUNS[id].spec.weighting.lambda) }],
      data: Object.fromEntries(ids.map((id) => [id, compareDataOf([makeEpoch(1), makeEpoch(2)], layerFields)])),
    }),
  });

describe('compare store', () => {
  let fake: ReturnType<typeof compareApi>;
  let store: ReturnType<typeof useCompareStore>;
  beforeEach(() => {
    fake = compareApi();
    store = appWith(fake.api).use(useCompareStore);
  });

  it('loads runs.compare once for a set of ids, with only the statistic on screen', async () => {
    await store.open(['a', 'b']);
    await store.open(['a', 'b']);
    await flushPromises();
    expect(fake.calls).toEqual([{ method: 'runs.compare', input: { ids: ['a', 'b'], layerFields: ['gradL2'] } }]);
    expect(store.ids).toEqual(['a', 'b']);
    expect(Object.keys(store.data)).toEqual(['a', 'b']);
    expect(Object.keys(store.data.a.layerStats)).toEqual(['gradL2']);
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

  it('adds a run with runs.compare of [first, new] and the statistics loaded, and recomputes the diff locally', async () => {
    await store.open(['b', 'c']);
    expect(store.diff).toHaveLength(1); // the fake's diff, as the service sent it
    await store.add('d');
    expect(fake.calls.map((c) => c.input)).toEqual([
      { ids: ['b', 'c'], layerFields: ['gradL2'] },
      { ids: ['b', 'd'], layerFields: ['gradL2'] },
    ]);
    expect(store.ids).toEqual(['b', 'c', 'd']);
    expect(store.data.d.epochs).toEqual([1, 2]);
    expect(store.diff).toEqual([{ path: 'weighting.lambda', values: [0.5, 0.5, 0.75] }]);
    await store.add('d');
    expect(fake.calls).toHaveLength(2);
  });

  it('removes a run locally, narrowing the diff, and keeps at least two', async () => {
    await store.open(['a', 'b', 'c']);
    store.remove('a');
    expect(store.ids).toEqual(['b', 'c']);
    expect(store.diff).toEqual([]); // b and c share λ = 0.5
    expect(Object.keys(store.data)).toEqual(['b', 'c']);
    store.remove('b');
    expect(store.ids).toEqual(['b', 'c']);
    expect(fake.calls).toHaveLength(1);
  });

  it('fetches a statistic picked later once, for the runs shown, and merges it', async () => {
    await store.open(['a', 'b']);
    store.heatField = 'dzL2';
    await flushPromises();
    store.choice = { kind: 'layer', layer: 'trunk.1', field: 'dzL2' };
    store.choice = { kind: 'layer', layer: 'trunk.1', field: 'weightL2' };
    await flushPromises();
    expect(fake.calls.slice(1).map((c) => c.input)).toEqual([
      { ids: ['a', 'b'], layerFields: ['dzL2'] },
      { ids: ['a', 'b'], layerFields: ['weightL2'] },
    ]);
    expect(Object.keys(store.data.b.layerStats)).toEqual(['gradL2', 'dzL2', 'weightL2']);
    expect(store.hasField('weightL2')).toBe(true);
    expect(store.fetching).toEqual([]);
    store.heatField = 'gradL2';
    await flushPromises();
    expect(fake.calls).toHaveLength(3);
    // a run added now comes with every statistic loaded
    await store.add('c');
    expect(fake.calls[3].input).toEqual({ ids: ['a', 'c'], layerFields: ['gradL2', 'dzL2', 'weightL2'] });
  });

  it('a run removed while another is being added leaves nothing loading', async () => {
    await store.open(['a', 'b', 'c']);
    const adding = store.add('d');
    expect(store.loading).toBe(true);
    store.remove('a');
    await adding;
    expect(store.loading).toBe(false);
    expect(store.ids).toEqual(['b', 'c']);
  });
});

it('parseIds reads the route query: comma list, repeats and blanks dropped', () => {
  expect(parseIds('a,b,,a, c')).toEqual(['a', 'b', 'c']);
  expect(parseIds(['a,b', 'c'])).toEqual(['a', 'b', 'c']);
  expect(parseIds(undefined)).toEqual([]);
});
