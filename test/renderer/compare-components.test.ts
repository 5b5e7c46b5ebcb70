// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { runColor } from '../../renderer/src/charts/compare-series.ts';
import CompareHeatmaps from '../../renderer/src/components/compare/CompareHeatmaps.vue';
import DiffTable from '../../renderer/src/components/compare/DiffTable.vue';
import SeriesPicker from '../../renderer/src/components/compare/SeriesPicker.vue';
import { compareDataOf, makeEpoch } from '../unit/store/fixtures/records.ts';

describe('DiffTable', () => {
  it('one row per differing path, a column per run, changed cells marked', () => {
    const w = mount(DiffTable, {
      props: {
        labels: ['A', 'B'],
        diff: [
          { path: 'model.activation', values: ['sigmoid', 'relu'] },
          { path: 'seed', values: [1, 1] },
        ],
      },
    });
    const rows = w.findAll('tbody tr');
    expect(rows).toHaveLength(1);
    expect(rows[0].findAll('td').map((td) => td.text())).toEqual(['model.activation', 'sigmoid', 'relu']);
    expect(rows[0].findAll('td.changed')).toHaveLength(1);
    expect(w.text()).toContain('1 spec path differs');
  });

  it('says so when the specs are the same', () => {
    expect(mount(DiffTable, { props: { labels: ['A', 'B'], diff: [] } }).text()).toContain('share one spec');
  });
});

it('CompareHeatmaps draws one heatmap per run under one scale, and asks for another statistic', async () => {
  const data = { a: compareDataOf([makeEpoch(1), makeEpoch(2)]), b: compareDataOf([makeEpoch(1)]) };
  const w = mount(CompareHeatmaps, {
    props: {
      runs: [
        { id: 'a', label: 'run A' },
        { id: 'b', label: 'run B' },
      ],
      data,
      field: 'gradL2',
    },
  });
  expect(w.findAll('figure.heat').map((f) => f.find('figcaption').text())).toEqual(['run A', 'run B']);
  expect(w.findAll('canvas')).toHaveLength(2);
  expect(w.find('.scale').text()).toMatch(/-?\d\.\d\d.*-?\d\.\d\d/);
  expect(w.find('[role="status"]').exists()).toBe(false);
  await w.find('select').setValue('dzL2');
  expect(w.emitted('update:field')).toEqual([['dzL2']]);
  await w.setProps({ field: 'dzL2', loading: true });
  expect(w.find('[role="status"]').text()).toContain('loading ‖dL/dz‖');
});

it('SeriesPicker switches kind with sensible defaults', async () => {
  const choices = {
    metrics: { cls: ['loss', 'accuracy'] },
    layers: ['trunk.1', 'trunk.2'],
    weights: ['cls'],
    taskGrads: ['cls'],
    cosines: [],
    health: true,
  };
  const w = mount(SeriesPicker, { props: { choice: { kind: 'vanishing' } as const, choices } });
  await w.find('select').setValue('metric');
  await w.find('select').setValue('layer');
  expect(w.emitted('change')).toEqual([
    [{ kind: 'metric', task: 'cls', name: 'loss', split: 'val' }],
    [{ kind: 'layer', layer: 'trunk.1', field: 'gradL2' }],
  ]);
});

it('run colours are stable per position', () => {
  expect(runColor(0)).toBe(runColor(20));
  expect(runColor(0)).not.toBe(runColor(1));
});
