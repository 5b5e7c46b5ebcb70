import type { EpochRecord } from '@core/domain/records.ts';
import { describe, expect, it } from 'vitest';
import {
  cellAt,
  compareHeatmaps,
  compareMatrix,
  heatColor,
  HEAT_COLORS,
  heatPixels,
  sharedLogScale,
} from '../../renderer/src/charts/compare-heatmap.ts';
import { layerMatrix } from '../../renderer/src/charts/series.ts';
import { compareDataOf, makeEpoch } from '../unit/store/fixtures/records.ts';

const epochs = (n: number, layers = 5) => Array.from({ length: n }, (_, i) => makeEpoch(i + 1, { layers }));

describe('compareMatrix', () => {
  it('is the layer × epoch matrix Live draws from the same records, layers ordered by index', () => {
    const e = epochs(4);
    expect(compareMatrix(compareDataOf(e), 'gradL2')).toEqual(layerMatrix(e, 'gradL2'));
    expect(compareMatrix(compareDataOf(e), 'dzL2')).toEqual(layerMatrix(e, 'dzL2'));
  });
  it('is empty for a run without epochs, an unknown run, or a statistic not loaded yet', () => {
    const empty = { layers: [], epochs: [], values: [] };
    expect(compareMatrix(compareDataOf([]), 'gradL2')).toEqual(empty);
    expect(compareMatrix(undefined, 'gradL2')).toEqual(empty);
    expect(compareMatrix(compareDataOf(epochs(2)), 'weightL2')).toEqual(empty);
  });
});

describe('one colour scale across runs', () => {
  const runs = [
    { id: 'a', label: 'A' },
    { id: 'b', label: 'B' },
  ];
  // run b's gradients are 1000× smaller: its cells must look darker on the shared scale
  const small = epochs(3).map((e): EpochRecord => ({
    ...e,
    layers: e.layers.map((l) => ({ ...l, gradL2: l.gradL2 / 1000 })),
  }));
  const maps = compareHeatmaps(runs, { a: compareDataOf(epochs(3)), b: compareDataOf(small) }, 'gradL2');

  it('spans the log10 range of every run', () => {
    expect(maps.maps).toHaveLength(2);
    expect(maps.scale.max).toBeGreaterThanOrEqual(Math.log10(0.5 / 10));
    expect(maps.scale.min).toBeLessThanOrEqual(Math.log10(0.5 / 34 / 1000));
    expect(maps.scale).toEqual(sharedLogScale(maps.maps.map((m) => m.matrix)));
  });

  it('labels the colour bar in real units; on request uses the fixed scale Live offers too', () => {
    expect(maps.ticks.length).toBeGreaterThanOrEqual(4);
    for (const t of maps.ticks) expect(10 ** t.log).toBeCloseTo(Number(t.label), 2 - Math.floor(t.log));
    const fixed = compareHeatmaps(runs, { a: compareDataOf(epochs(3)) }, 'gradL2', true);
    expect(fixed.scale).toEqual({ min: -9, max: 1 });
    expect([fixed.ticks[0].label, fixed.ticks.at(-1)?.label]).toEqual(['1e-9', '10']);
  });

  it('gives the same value the same colour in every run, and a smaller one a lower colour', () => {
    const pa = heatPixels(maps.maps[0].matrix, maps.scale);
    const pb = heatPixels(maps.maps[1].matrix, maps.scale);
    // both matrices are 5 layers × 3 epochs; compare the first layer, first epoch (bottom-left pixel)
    const at = (p: Uint8ClampedArray, x: number, y: number) => [...p.slice((y * 3 + x) * 4, (y * 3 + x) * 4 + 4)];
    expect(at(pa, 0, 4)).not.toEqual(at(pb, 0, 4));
    expect(at(pb, 0, 4)[2]).toBeGreaterThan(at(pa, 0, 4)[2]); // bluer: lower on the palette
    const same = heatPixels(maps.maps[0].matrix, maps.scale);
    expect(same).toEqual(pa);
  });

  it('puts the palette ends at the scale ends and leaves missing cells transparent', () => {
    const m = {
      layers: ['l1', 'l2'],
      epochs: [1, 2],
      values: [
        [1, null],
        [100, 0],
      ],
    };
    const px = heatPixels(m, { min: 0, max: 2 });
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    expect([...px.slice(8, 11)]).toEqual(rgb(HEAT_COLORS[0])); // l1 (bottom row), epoch 1: log10 1 = 0 = min
    expect([...px.slice(0, 3)]).toEqual(rgb(HEAT_COLORS[HEAT_COLORS.length - 1])); // l2 (top row): log10 100 = max
    expect(px[12 + 3]).toBe(0); // l1, epoch 2: null
    expect(px[4 + 3]).toBe(0); // l2, epoch 2: 0 has no log
  });

  it('handles no data and one value', () => {
    expect(sharedLogScale([])).toEqual({ min: -1, max: 0 });
    expect(sharedLogScale([{ layers: ['x'], epochs: [1], values: [[10]] }])).toEqual({ min: 0.5, max: 1.5 });
    expect(heatColor(-5)).toEqual(heatColor(0));
    expect(heatColor(Number.NaN)).toEqual(heatColor(0));
  });
});

it('cellAt maps a point in the drawn area back to layer and epoch (first layer at the bottom)', () => {
  const m = compareMatrix(compareDataOf(epochs(4)), 'gradL2');
  expect(cellAt(m, 0.01, 0.99)).toMatchObject({ layer: 'trunk.1', epoch: 1 });
  expect(cellAt(m, 0.99, 0.01)).toMatchObject({ layer: 'head.seg', epoch: 4 });
  expect(cellAt(m, 1.2, 0.5)).toBeNull();
});
