import { describe, expect, it } from 'vitest';
import { mergeEpochs } from '../../renderer/src/charts/live-data.ts';
import {
  cosineOption,
  layerHeatmapOption,
  layerHistogramOption,
  lossOption,
  metricOption,
  vanishingOption,
  weightsOption,
} from '../../renderer/src/charts/live-series.ts';
import { makeEpoch } from '../unit/store/fixtures/records.ts';

describe('live view data for a 200-epoch × 64-layer run', () => {
  // Timings are printed for a person to read (scripts/ui-budget.mjs measures the budget in Chromium);
  // tests never assert on wall-clock speed, so this one checks that every option is built whole.
  it('merges and builds every chart option, printing how long each took', () => {
    const records = Array.from({ length: 200 }, (_, i) => makeEpoch(i + 1, { layers: 64, bins: 64 }));
    const json = JSON.stringify(records);
    const t0 = performance.now();
    const parsed = JSON.parse(json);
    const t1 = performance.now();
    const epochs = mergeEpochs([], parsed);
    const t2 = performance.now();
    const timings: Record<string, number> = {};
    const time = (name: string, f: () => unknown) => {
      const t = performance.now();
      f();
      timings[name] = +(performance.now() - t).toFixed(1);
    };
    let heat: unknown;
    time('heatmap', () => (heat = layerHeatmapOption(epochs, 'gradL2')));
    time('loss', () => lossOption(epochs));
    time('metrics', () => metricOption(epochs));
    time('vanishing', () => vanishingOption(epochs));
    time('cosine', () => cosineOption(epochs));
    time('weights', () => weightsOption(epochs));
    time('histogram', () => layerHistogramOption(epochs[199], 'trunk.1'));
    const total = performance.now() - t0;
    const build = total - (t1 - t0);
    console.log(
      `200 epochs × 64 layers: JSON.parse ${(t1 - t0).toFixed(1)} ms, merge ${(t2 - t1).toFixed(1)} ms, options`,
      timings,
      `merge + options ${build.toFixed(1)} ms`,
    );
    expect(epochs).toHaveLength(200);
    // one heatmap cell per layer × epoch: nothing dropped on the way
    const cells = JSON.stringify(heat).match(/\[\d+,\d+,/g) ?? [];
    expect(cells.length).toBeGreaterThanOrEqual(200 * 64);
  });
});
