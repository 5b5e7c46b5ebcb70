import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMPARE_LAYER_FIELDS, DEFAULT_COMPARE_LAYER_FIELDS } from '../../../src/domain/compare.ts';
import { InvalidArgumentError, NotFoundError } from '../../../src/store/errors.ts';
import { openStore, type RunStore } from '../../../src/store/run-store.ts';
import type { CompareLayerField } from '../../../src/store/types.ts';
import type { EpochRecord } from '../../../src/domain/records.ts';
import { BACKEND, compareDataOf, makeEpoch, makeSpec } from './fixtures/records.ts';

let store: RunStore;
afterEach(() => store?.close());

function runWith(records: EpochRecord[]): string {
  if (!store?.db.open) store = openStore(':memory:');
  const id = store.createRun({ spec: makeSpec(), name: 'r', tags: [], notes: '' });
  store.markRunning(id, BACKEND);
  for (const rec of records) store.appendEpoch(id, rec);
  return id;
}

describe('RunStore.compareData', () => {
  it('matches getEpochs for every field: matrices values[layer][epoch], series per epoch, nulls where not probed', () => {
    const id = runWith([1, 2, 3, 4, 5].map((e) => makeEpoch(e, { layers: 6, bins: 16 })));
    const full = store.getEpochs(id);
    const d = store.compareData(id, { layerFields: COMPARE_LAYER_FIELDS });
    expect(d).toEqual(compareDataOf(full, COMPARE_LAYER_FIELDS));
    expect(d.layers).toEqual(['trunk.1', 'trunk.2', 'trunk.3', 'trunk.4', 'head.cls', 'head.seg']);
    expect(d.layerStats.dzL2![0]).toEqual([0.01 * 10, null, 0.01 * 30, null, 0.01 * 50]); // probed on odd epochs
    expect(d.taskGrads.map((g) => g.name)).toEqual(['cls', 'seg']);
    expect(d.taskGrads[0].values[1]).toBeNull();
    expect(JSON.stringify(d)).not.toMatch(/hist/);
  });

  it('sends only the requested statistics, by default gradL2, dzL2 and updateRatio', () => {
    const id = runWith([makeEpoch(1), makeEpoch(2)]);
    expect(Object.keys(store.compareData(id).layerStats)).toEqual([...DEFAULT_COMPARE_LAYER_FIELDS]);
    const one = store.compareData(id, { layerFields: ['weightL2', 'weightL2'] });
    expect(one.layerStats).toEqual({ weightL2: compareDataOf(store.getEpochs(id), ['weightL2']).layerStats.weightL2 });
    expect(store.compareData(id, { layerFields: [] }).layerStats).toEqual({});
  });

  it('keeps NaN apart from null and ±Infinity, as getEpochs does', () => {
    const base = makeEpoch(2, { probed: true });
    const diverged: EpochRecord = {
      ...base,
      metrics: base.metrics.map((m) => (m.split === 'val' && m.name === 'loss' ? { ...m, value: Number.NaN } : m)),
      weights: { cls: Number.NaN, seg: Number.POSITIVE_INFINITY },
      vanishingRatio: Number.NaN,
      layers: [
        {
          ...base.layers[0],
          gradL2: Number.NaN,
          updateRatio: Number.POSITIVE_INFINITY,
          dzL2: Number.NaN,
          dzStd: null,
          actSaturation: Number.NEGATIVE_INFINITY,
          actMean: null,
        },
        { ...base.layers[1], gradMeanAbs: Number.NaN, actStd: Number.NaN },
        ...base.layers.slice(2),
      ],
      taskGrads: [{ task: 'cls', norm: Number.NaN }],
      taskCosines: [{ a: 'cls', b: 'seg', cosine: Number.NaN }],
    };
    const id = runWith([makeEpoch(1, { probed: false }), diverged]);
    const d = store.compareData(id, { layerFields: COMPARE_LAYER_FIELDS });
    expect(d).toEqual(compareDataOf(store.getEpochs(id), COMPARE_LAYER_FIELDS));
    const s = d.layerStats;
    expect(s.gradL2![0][1]).toBeNaN();
    expect(s.updateRatio![0][1]).toBe(Number.POSITIVE_INFINITY);
    expect(s.dzL2![0]).toEqual([null, Number.NaN]); // epoch 1 not probed: null; epoch 2: stored NaN
    expect(s.dzStd![0]).toEqual([null, null]);
    expect(s.actSaturation![0][1]).toBe(Number.NEGATIVE_INFINITY);
    expect(s.actMean![0][1]).toBeNull();
    expect(s.actStd![1][1]).toBeNaN();
    expect(s.gradMeanAbs![1][1]).toBeNaN();
    expect(d.vanishingRatio).toEqual([0.01, Number.NaN]);
    expect(d.metrics[0]).toEqual({ task: 'cls', split: 'train', name: 'loss', values: [1, 0.5] });
    expect(d.metrics.find((m) => m.split === 'val' && m.name === 'loss')!.values).toEqual([1.1, Number.NaN]);
    expect(d.weights).toEqual([
      { name: 'cls', values: [0.7, Number.NaN] },
      { name: 'seg', values: [0.3, Number.POSITIVE_INFINITY] },
    ]);
    expect(d.taskGrads).toEqual([{ name: 'cls', values: [null, Number.NaN] }]);
    expect(d.taskCosines).toEqual([{ a: 'cls', b: 'seg', values: [null, Number.NaN] }]);
  });

  it('orders layers by index and leaves null where a layer has no row, epochs with gaps included', () => {
    // epoch 2 lacks trunk.2; epoch 5 brings a layer (index 1) the others lack; epochs 3 and 4 are absent
    const e1 = makeEpoch(1, { layers: 4 });
    const e2 = {
      ...makeEpoch(2, { layers: 4 }),
      layers: makeEpoch(2, { layers: 4 }).layers.filter((l) => l.layer !== 'trunk.2'),
    };
    const e5 = makeEpoch(5, { layers: 4 });
    e5.layers.push({ ...e5.layers[0], layer: 'extra', index: 9 });
    const id = runWith([e1, e2, e5]);
    const d = store.compareData(id, { layerFields: ['gradL2'] });
    expect(d.epochs).toEqual([1, 2, 5]);
    expect(d.layers).toEqual(['trunk.1', 'trunk.2', 'head.cls', 'head.seg', 'extra']);
    expect(d.layerStats.gradL2![1]).toEqual([0.5 / 11, null, 0.5 / 51]);
    expect(d.layerStats.gradL2![4]).toEqual([null, null, 0.5 / 50]);
    expect(d).toEqual(compareDataOf(store.getEpochs(id), ['gradL2']));
  });

  it('a run without epochs has empty series; unknown runs and fields are refused', () => {
    const id = runWith([]);
    expect(store.compareData(id)).toEqual({
      epochs: [],
      probed: [],
      divergence: [],
      vanishingRatio: [],
      health: [],
      metrics: [],
      weights: [],
      taskGrads: [],
      taskCosines: [],
      layers: [],
      layerStats: { gradL2: [], dzL2: [], updateRatio: [], gradRms: [], dzRms: [] },
    });
    expect(() => store.compareData('00000000-0000-4000-8000-000000000000')).toThrow(NotFoundError);
    expect(() => store.compareData(id, { layerFields: ['histogram' as CompareLayerField] })).toThrow(
      InvalidArgumentError,
    );
    expect(() => store.compareData(id, { layerFields: ['histogram' as CompareLayerField] })).toThrow(
      /compareData: options\.layerFields\.0/,
    );
    expect(() => store.compareData('nope')).toThrow(/compareData: id/);
  });

  it('prepares its statements once per set of fields', () => {
    const id = runWith([makeEpoch(1), makeEpoch(2)]);
    store.compareData(id, { layerFields: ['gradL2', 'dzL2'] });
    const prepare = vi.spyOn(store.db, 'prepare');
    store.compareData(id, { layerFields: ['dzL2', 'gradL2'] }); // same set, other order
    store.compareData(id, { layerFields: ['gradL2', 'dzL2'] });
    expect(prepare).not.toHaveBeenCalled();
    store.compareData(id, { layerFields: ['weightL2'] });
    expect(prepare).toHaveBeenCalledTimes(1);
  });
});
