import type { RunDetail } from '@core/domain/runs.ts';
import { describe, expect, it } from 'vitest';
import {
  compareLineOption,
  compareLines,
  pointsFor,
  RUN_COLORS,
  runColor,
  runLabels,
  seriesChoices,
} from '../../renderer/src/charts/compare-series.ts';
import { COMPARE_LAYER_FIELDS, type CompareLayerField } from '@core/api/contract.ts';
import { compareDataOf, makeEpoch } from '../unit/store/fixtures/records.ts';

const run = (id: string, name: string) => ({ id, name }) as RunDetail;
/** a run of n epochs as runs.compare sends it, with every layer statistic */
const run_ = (n: number, layers = 5, fields: readonly CompareLayerField[] = COMPARE_LAYER_FIELDS) =>
  compareDataOf(
    Array.from({ length: n }, (_, i) => makeEpoch(i + 1, { layers })),
    fields,
  );

describe('compareLines', () => {
  const runs = [run('aaaaaaaa-1', 'sigmoid'), run('bbbbbbbb-2', 'relu'), run('cccccccc-3', '')];
  const data = { 'aaaaaaaa-1': run_(3), 'bbbbbbbb-2': run_(5), 'cccccccc-3': run_(0) };

  it('draws one series per run, in the runs order, named by run (short id when unnamed)', () => {
    const lines = compareLines(runs, data, { kind: 'vanishing' });
    expect(lines.map((l) => l.name)).toEqual(['sigmoid', 'relu', 'cccccccc']);
    expect(lines[0].points).toHaveLength(3);
    expect(lines[1].points).toHaveLength(5);
    expect(lines[2].points).toEqual([]);
    expect(lines[1].points[1]).toEqual([2, Math.log10(0.02)]);
  });

  it('a task metric on a split, and a layer statistic (log10 where it reads better)', () => {
    const acc = compareLines(runs, data, { kind: 'metric', task: 'cls', name: 'accuracy', split: 'val' });
    expect(acc[0].points).toEqual([
      [1, 0.51],
      [2, 0.52],
      [3, 0.53],
    ]);
    expect(
      compareLines(runs, data, { kind: 'metric', task: 'cls', name: 'accuracy', split: 'train' })[0].points[0],
    ).toEqual([1, null]);
    const g = pointsFor(data['aaaaaaaa-1'], { kind: 'layer', layer: 'trunk.1', field: 'gradL2' });
    expect(g[0][1]).toBeCloseTo(Math.log10(0.5 / 10));
    const w = pointsFor(data['aaaaaaaa-1'], { kind: 'layer', layer: 'trunk.2', field: 'weightL2' });
    expect(w[0]).toEqual([1, 4]);
    expect(pointsFor(data['aaaaaaaa-1'], { kind: 'layer', layer: 'nope', field: 'gradL2' })[0]).toEqual([1, null]);
    // a statistic not loaded yet draws as gaps; a run not loaded draws nothing
    expect(pointsFor(run_(2, 5, ['gradL2']), { kind: 'layer', layer: 'trunk.1', field: 'weightL2' })).toEqual([
      [1, null],
      [2, null],
    ]);
    expect(pointsFor(undefined, { kind: 'vanishing' })).toEqual([]);
  });

  it('NaN and non-positive values become gaps on log scales, and stay as they are otherwise', () => {
    const d = run_(2);
    const nan = {
      ...d,
      vanishingRatio: [Number.NaN, 0],
      layerStats: { ...d.layerStats, gradL2: d.layerStats.gradL2!.map(() => [null, Number.NaN]) },
    };
    expect(pointsFor(nan, { kind: 'vanishing' })).toEqual([
      [1, null],
      [2, null],
    ]);
    expect(pointsFor(nan, { kind: 'layer', layer: 'trunk.1', field: 'gradL2' })).toEqual([
      [1, null],
      [2, null],
    ]);
    expect(pointsFor(d, { kind: 'layer', layer: 'trunk.1', field: 'actSaturation' })).toEqual([
      [1, 0],
      [2, null],
    ]);
  });

  it('pins run i to colour i in the option, the same colours the tables use', () => {
    const opt = compareLineOption({
      title: 't',
      yName: 'log10',
      series: compareLines(runs, data, { kind: 'vanishing' }),
    });
    expect(opt.color).toEqual([runColor(0), runColor(1), runColor(2)]);
    expect(opt.series).toHaveLength(3);
    expect(opt.series.map((s) => s.name)).toEqual(['sigmoid', 'relu', 'cccccccc']);
    expect(new Set(RUN_COLORS).size).toBe(20);
  });
});

it('runLabels adds a short id where names repeat', () => {
  expect(runLabels([run('aaaaaa11', 'x'), run('bbbbbb22', 'x'), run('cccccc33', 'y')])).toEqual([
    'x (aaaaaa)',
    'x (bbbbbb)',
    'y',
  ]);
});

it('seriesChoices offers the union of tasks, metrics and layers', () => {
  const c = seriesChoices({ a: run_(2, 4), b: run_(2, 6) });
  expect(c.metrics).toEqual({ cls: ['loss', 'accuracy'], seg: ['loss', 'iou'] });
  expect(c.layers).toEqual(['trunk.1', 'trunk.2', 'head.cls', 'head.seg', 'trunk.3', 'trunk.4']);
});
