// @vitest-environment happy-dom
import type { GradientHealth } from '@core/domain/health.ts';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { sortedRows, summaryColumns } from '../../renderer/src/charts/compare-summary.ts';
import SummaryTable from '../../renderer/src/components/compare/SummaryTable.vue';
import { makeRun } from './run-fixtures.ts';

const health = (alive: number, dzRatio: number): GradientHealth => ({
  dzRatio,
  wRatio: 0,
  weakestLayer: 'trunk.3',
  weakestLog10: -alive,
  deadLayers: alive < 4 ? ['trunk.4'] : [],
  alive,
  trunkLayers: 4,
  decades: 3,
  healthFrom: 1,
});
const RUNS = [
  makeRun('a', {
    name: 'sig',
    lastVanishingRatio: 1e-3,
    lastHealth: health(3, -2),
    finalMetrics: { cls: { accuracy: 0.9 } },
  }),
  makeRun('b', {
    name: 'relu',
    lastVanishingRatio: 10,
    lastHealth: health(4, 0.5),
    finalMetrics: { cls: { accuracy: 0.95 } },
  }),
  makeRun('c', { name: 'tanh', lastVanishingRatio: null, lastHealth: null, finalMetrics: { cls: { accuracy: 0.1 } } }),
];
const LABELS = ['sig', 'relu', 'tanh'];

describe('summaryColumns', () => {
  const cols = summaryColumns(RUNS, LABELS);
  const byKey = (k: string) => cols.find((c) => c.key === k)!;

  it('has a gradient column and the health columns, each with a numeric sort key', () => {
    expect(cols.map((c) => c.label)).toEqual([
      'run',
      'status',
      'epochs',
      'duration',
      'backend',
      'log10 ‖dW‖ first/last',
      'alive',
      'weakest',
      'log10 dz first/last',
      'dead layers',
      'cls accuracy',
    ]);
    expect(byKey('gradient').cells).toEqual(['−3.00', '1.00', '—']);
    expect(byKey('gradient').sortKeys).toEqual([-3, 1, null]);
    expect(byKey('health:alive').cells).toEqual(['3/4', '4/4', '—']);
    expect(byKey('health:alive').sortKeys).toEqual([3, 4, null]);
  });

  it('sorts ascending or descending, runs without a value last either way', () => {
    expect(sortedRows(byKey('metric:cls:accuracy'), 'asc', 3)).toEqual([2, 0, 1]);
    expect(sortedRows(byKey('metric:cls:accuracy'), 'desc', 3)).toEqual([1, 0, 2]);
    expect(sortedRows(byKey('gradient'), 'desc', 3)).toEqual([1, 0, 2]);
    expect(sortedRows(byKey('gradient'), 'asc', 3)).toEqual([0, 1, 2]);
    expect(sortedRows(byKey('run'), 'asc', 3)).toEqual([1, 0, 2]);
    expect(sortedRows(undefined, 'asc', 3)).toEqual([0, 1, 2]);
  });
});

it('SummaryTable sorts by any header (a button: keyboard reachable), again to reverse, inside a sideways scroller', async () => {
  const w = mount(SummaryTable, { props: { runs: RUNS, labels: LABELS } });
  const order = () => w.findAll('tbody tr').map((r) => r.attributes('data-run'));
  expect(order()).toEqual(['a', 'b', 'c']);
  const header = w.find('button[data-column="metric:cls:accuracy"]');
  expect(header.element.tagName).toBe('BUTTON');
  await header.trigger('click');
  expect(order()).toEqual(['c', 'a', 'b']);
  expect(header.element.closest('th')!.getAttribute('aria-sort')).toBe('ascending');
  await header.trigger('click');
  expect(order()).toEqual(['b', 'a', 'c']);
  expect(header.element.closest('th')!.getAttribute('aria-sort')).toBe('descending');
  await w.find('button[data-column="health:alive"]').trigger('click');
  expect(order()).toEqual(['a', 'b', 'c']);
  // a run keeps its colour when rows move
  await w.find('button[data-column="gradient"]').trigger('click');
  const swatch = (id: string) => w.find(`tr[data-run="${id}"] .swatch`).attributes('style');
  expect(swatch('a')).toContain('background');
  expect(swatch('a')).not.toBe(swatch('b'));
  expect(w.findAll('thead th')).toHaveLength(11);
  const scroller = w.find('.scroll');
  expect(scroller.attributes('tabindex')).toBe('0');
  expect(scroller.find('table').exists()).toBe(true);
});
