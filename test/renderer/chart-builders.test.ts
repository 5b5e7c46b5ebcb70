import { describe, expect, it } from 'vitest';
import type { EpochRecord, LayerStats } from '../../src/domain/records.ts';
import { gradientHealth } from '../../src/domain/health.ts';
import { heatmapOption, histogramOption, lineOption } from '../../renderer/src/charts/options.ts';
import {
  cosineSeries,
  layerMatrix,
  log10,
  metricSeries,
  termsAndMetrics,
  vanishingSeries,
  weightSeries,
} from '../../renderer/src/charts/series.ts';

const layer = (name: string, gradL2: number, trunk = true): LayerStats => ({
  layer: name,
  index: 0,
  kind: 'dense',
  trunk,
  params: 4,
  gradL2,
  gradMeanAbs: 0,
  gradStd: 0,
  gradMaxAbs: 0,
  gradSmallFrac: 0,
  dzL2: null,
  dzStd: null,
  weightL2: 1,
  updateRatio: 0.01,
  actMean: null,
  actStd: null,
  actSaturation: null,
  gradRms: gradL2 / 2,
  dzRms: null,
  gradZeroFrac: 0,
  gradLog10P05: null,
  gradLog10P50: null,
  gradLog10P95: null,
  updateRatioEpoch: 0.02,
  updateRms: 0.005,
  histogram: { min: -1, max: 1, counts: [1, 0, 3] },
});
const threeLayers = (g1: number) => [layer('trunk.1', g1), layer('trunk.2', 1), layer('head.cls', 2, false)];
const epoch = (n: number, g1: number, probed = true, layers = threeLayers(g1)): EpochRecord => ({
  epoch: n,
  durationMs: 1,
  samplesPerSec: 1,
  probed,
  metrics: [
    { task: 'cls', split: 'val', name: 'loss', value: 1 / n },
    { task: 'seg', split: 'train', name: 'iou', value: 0.1 * n },
  ],
  weights: { cls: 0.5, seg: 0.5 },
  layers,
  taskGrads: [],
  taskCosines: [{ a: 'cls', b: 'seg', cosine: -0.2 * n }],
  vanishingRatio: g1,
  health: gradientHealth(layers, null, 3),
  partial: false,
  divergence: null,
});
const epochs = [epoch(1, 1e-3), epoch(2, 1e-2, false), epoch(3, 0)];

describe('series extractors', () => {
  it('metric series by task, name and split; nulls where missing', () => {
    expect(metricSeries(epochs, 'cls', 'loss', 'val')).toEqual([
      [1, 1],
      [2, 0.5],
      [3, 1 / 3],
    ]);
    expect(metricSeries(epochs, 'cls', 'loss', 'train')).toEqual([
      [1, null],
      [2, null],
      [3, null],
    ]);
    expect(termsAndMetrics(epochs)).toEqual({ terms: ['cls', 'seg'], metrics: { cls: ['loss'], seg: ['iou'] } });
  });
  it('layer × epoch matrix, trunk only on request', () => {
    expect(layerMatrix(epochs, 'gradL2', true)).toEqual({
      layers: ['trunk.1', 'trunk.2'],
      epochs: [1, 2, 3],
      values: [
        [1e-3, 1e-2, 0],
        [1, 1, 1],
      ],
    });
    expect(layerMatrix(epochs, 'gradL2').layers).toContain('head.cls');
  });
  it('log10 of the vanishing ratio; zero and negatives have none', () => {
    expect(vanishingSeries(epochs)).toEqual([
      [1, -3],
      [2, -2],
      [3, null],
    ]);
    expect(log10(-1)).toBeNull();
  });
  it('cosines only on probe epochs; weights every epoch', () => {
    expect(cosineSeries(epochs)).toEqual([
      {
        name: 'cls · seg',
        points: [
          [1, -0.2],
          [3, expect.closeTo(-0.6, 12)],
        ],
      },
    ]);
    expect(weightSeries(epochs).map((s) => s.name)).toEqual(['cls', 'seg']);
  });
});

describe('option builders', () => {
  it('heatmap: log10 cells with the raw value beside, blanks for non-positive values, a colour scale spanning the data', () => {
    const o = heatmapOption({
      title: 't',
      layers: ['a', 'b'],
      epochs: [1, 2],
      values: [
        [1e-3, 0],
        [10, null],
      ],
      valueName: '‖g‖',
    });
    expect(o.series[0].data).toEqual([
      [0, 0, -3, 1e-3],
      [1, 0, null, 0],
      [0, 1, 1, 10],
      [1, 1, null, null],
    ]);
    expect(o.visualMap.dimension).toBe(2);
    expect([o.visualMap.min, o.visualMap.max]).toEqual([-3, 1]);
    expect(o.yAxis.data).toEqual(['a', 'b']);
  });
  it('heatmap with no positive value still has a valid scale', () => {
    const o = heatmapOption({ title: 't', layers: ['a'], epochs: [1], values: [[null]], valueName: 'x' });
    expect(o.visualMap.min).toBeLessThan(o.visualMap.max);
  });
  it('line: one series per input, dashed where asked', () => {
    const o = lineOption({
      title: 't',
      series: [
        { name: 'train', points: [[1, 2]] },
        { name: 'val', points: [[1, 3]], dashed: true },
      ],
    });
    expect(o.series.map((s) => [s.name, s.lineStyle?.type])).toEqual([
      ['train', undefined],
      ['val', 'dashed'],
    ]);
  });
  it('histogram: one bar per bin at its centre, empty bins blank on the log axis', () => {
    const o = histogramOption({ title: 'h', histogram: { min: -1, max: 1, counts: [1, 0, 3, 4] } });
    expect(o.series[0].data).toEqual([1, null, 3, 4]);
    expect(o.xAxis.data[0]).toBe((-0.75).toExponential(1));
  });
});
