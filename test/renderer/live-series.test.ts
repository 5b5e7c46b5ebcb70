import { describe, expect, it } from 'vitest';
import {
  cosineOption,
  layerHeatmapOption,
  layerHistogramOption,
  layerNames,
  lossOption,
  metricOption,
  PALETTE,
  vanishingOption,
} from '../../renderer/src/charts/live-series.ts';
import { makeEpoch } from '../unit/store/fixtures/records.ts';

const epochs = [1, 2, 3, 4].map((e) => makeEpoch(e));

describe('live chart options', () => {
  it('draws train solid and val dashed, one colour per term', () => {
    const o = lossOption(epochs);
    expect(o.series.map((s) => s.name)).toEqual(['cls train', 'cls val', 'seg train', 'seg val']);
    expect(o.series.map((s) => s.lineStyle?.type ?? 'solid')).toEqual(['solid', 'dashed', 'solid', 'dashed']);
    expect(o.series.map((s) => s.itemStyle.color)).toEqual([PALETTE[0], PALETTE[0], PALETTE[1], PALETTE[1]]);
    expect(o.series[1].data).toEqual([
      [1, 1.1],
      [2, 0.55],
      [3, 1.1 / 3],
      [4, 0.275],
    ]);
  });

  it('draws every non-loss metric per term', () => {
    const names = metricOption(epochs).series.map((s) => s.name);
    expect(names).toEqual(['cls accuracy train', 'cls accuracy val', 'seg iou train', 'seg iou val']);
  });

  it('builds the layer heatmap of the chosen statistic with thinned labels past 32 layers', () => {
    const o = layerHeatmapOption(epochs, 'gradL2');
    expect(o.yAxis.data).toEqual(['trunk.1', 'trunk.2', 'trunk.3', 'head.cls', 'head.seg']);
    expect(o.yAxis.axisLabel.interval).toBe(0);
    expect(o.series[0].data).toHaveLength(20);
    const big = [1, 2].map((e) => makeEpoch(e, { layers: 64 }));
    expect(layerHeatmapOption(big, 'dzL2').yAxis.axisLabel.interval).toBe(1);
    // dL/dz is null on epochs the probe skipped: blank cells
    const dz = layerHeatmapOption(epochs, 'dzL2').series[0].data.filter((d) => d[2] === null);
    expect(dz).toHaveLength(10);
  });

  it('plots the vanishing ratio as log10, cosines on probed epochs within [−1, 1]', () => {
    expect(vanishingOption(epochs).series[0].data[0]).toEqual([1, -2]);
    const c = cosineOption(epochs);
    expect(c.series[0].data.map((p) => p[0])).toEqual([1, 3]);
    expect([c.yAxis.min, c.yAxis.max]).toEqual([-1, 1]);
  });

  it('picks one layer histogram at one epoch, or none', () => {
    expect(layerHistogramOption(epochs[2], 'trunk.2')?.series[0].data).toHaveLength(8);
    expect(layerHistogramOption(epochs[2], 'nope')).toBeNull();
    expect(layerHistogramOption(undefined, 'trunk.1')).toBeNull();
    expect(layerNames(epochs)).toHaveLength(5);
    expect(layerNames([])).toEqual([]);
  });

  it('the heatmap colour bar: fitted to the run, or the fixed scale every run shares; the band marked', () => {
    const fitted = layerHeatmapOption(epochs, 'gradL2');
    const fixed = layerHeatmapOption(epochs, 'gradL2', { fixed: true, mark: { log: -2.5, label: 'health band' } });
    expect([fixed.visualMap.min, fixed.visualMap.max]).toEqual([-9, 1]);
    expect(fitted.visualMap.max - fitted.visualMap.min).toBeLessThan(10);
    expect(fixed.visualMap.pieces.map((p) => p.label)).toContain('0.001 – 0.01  ◂ health band');
    expect(fixed.visualMap.pieces.at(-1)?.label).toBe('< 1e-8');
  });

  it('curves smooth and switch to a log axis on request', () => {
    const o = lossOption(epochs, { smoothing: 0.5, logY: true });
    expect(o.yAxis.type).toBe('log');
    expect(o.series.map((s) => s.name).slice(0, 2)).toEqual(['cls train (raw)', 'cls train']);
    expect(o.legend.data).toEqual(['cls train', 'cls val', 'seg train', 'seg val']);
    expect(o.series[0].lineStyle.color).toBe(o.series[1].lineStyle.color);
  });
});
