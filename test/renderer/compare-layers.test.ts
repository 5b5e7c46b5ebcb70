// @vitest-environment happy-dom
import type { CompareData } from '@core/api/contract.ts';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { attachOrder, cellAt, compareMatrix } from '../../renderer/src/charts/compare-heatmap.ts';
import HeatCanvas from '../../renderer/src/components/compare/HeatCanvas.vue';
import { twoTaskData } from './compare-mount.ts';

const AUX_RUN = ['trunk.1', 'trunk.2', 'trunk.3', 'head.cls', 'aux.cls@2.hidden', 'aux.cls@2', 'aux.seg@1'];

describe('attachOrder', () => {
  it('puts each aux head right after the trunk layer it attaches to, the rest by index', () => {
    expect(attachOrder(AUX_RUN).map((i) => AUX_RUN[i])).toEqual([
      'trunk.1',
      'aux.seg@1',
      'trunk.2',
      'aux.cls@2.hidden',
      'aux.cls@2',
      'trunk.3',
      'head.cls',
    ]);
  });

  it('leaves runs without aux heads, and aux heads whose trunk layer is missing, as they are', () => {
    expect(attachOrder(['trunk.1', 'trunk.2', 'head.cls'])).toEqual([0, 1, 2]);
    expect(attachOrder(['trunk.1', 'head.cls', 'aux.cls@7'])).toEqual([0, 1, 2]);
    expect(attachOrder([])).toEqual([]);
  });
});

it('compareMatrix moves the aux rows with their names, so the tooltip reads the right layer', () => {
  const d = twoTaskData(['gradL2']);
  const layers = ['trunk.1', 'trunk.2', 'head.cls', 'aux.cls@1'];
  const values = layers.map((_, y) => [y + 1, y + 1]);
  const data: CompareData = { ...d, layers, layerStats: { gradL2: values } };
  const m = compareMatrix(data, 'gradL2');
  expect(m.layers).toEqual(['trunk.1', 'aux.cls@1', 'trunk.2', 'head.cls']);
  expect(m.values.map((r) => r[0])).toEqual([1, 4, 2, 3]);
  // first layer at the bottom: the second row from the bottom is the aux head
  expect(cellAt(m, 0.1, 0.7)).toEqual({ layer: 'aux.cls@1', epoch: 1, value: 4 });
  // already in order: the data as sent, no copy
  const plain = twoTaskData(['gradL2']);
  expect(compareMatrix(plain, 'gradL2').values).toBe(plain.layerStats.gradL2);
});

it('HeatCanvas labels every layer, bottom to top, and grows so 40 names never overlap', () => {
  const layers = Array.from({ length: 40 }, (_, i) => `trunk.${i + 1}`);
  const matrix = { layers, epochs: [1, 2], values: layers.map(() => [1, 2]) };
  const w = mount(HeatCanvas, {
    props: { title: 'r', matrix, scale: { min: -1, max: 1 }, valueName: 'g', filename: 'f' },
  });
  const labels = w.findAll('[data-testid="layer-labels"] span');
  expect(labels.map((l) => l.text())).toEqual(layers);
  const bottoms = labels.map((l) => parseFloat((l.element as HTMLElement).style.bottom));
  expect(bottoms[0]).toBeLessThan(bottoms[39]);
  expect((w.find('.frame').element as HTMLElement).style.gridTemplateRows).toBe('480px 18px');
});
