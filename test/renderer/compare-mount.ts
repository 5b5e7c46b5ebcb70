/**
 * Mounting CompareView for renderer tests: a memory router on /compare, the fake api, and an
 * EChart stub that prints what the overlay would draw (title, series, points with a value).
 */
import type { CompareData } from '@core/api/contract.ts';
import type { RunDetail } from '@core/domain/runs.ts';
import { flushPromises, mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import CompareView from '../../renderer/src/views/CompareView.vue';
import { compareDataOf, makeEpoch, makeSpec } from '../unit/store/fixtures/records.ts';
import { fakeApi, globalWith } from './fake-api.ts';

export const detail = (id: string, name: string, finalMetrics: RunDetail['finalMetrics'] = {}) =>
  ({
    id,
    name,
    status: 'completed',
    epochsDone: 2,
    epochsPlanned: 2,
    durationMs: 3000,
    backend: null,
    finalMetrics,
    lastHealth: null,
    seedGroup: `sg-${id}`,
    spec: makeSpec(),
  }) as unknown as RunDetail;

/** A cls + seg run (the λ sweep's shape): 2 epochs, 5 layers. */
export const twoTaskData = (fields?: Parameters<typeof compareDataOf>[1]) =>
  compareDataOf([makeEpoch(1), makeEpoch(2)], fields);

/** An MLP with one cls head: no seg metrics, weights, gradients or cosines, and `layers` layers. */
export function clsOnlyData(fields?: Parameters<typeof compareDataOf>[1], layers = 4): CompareData {
  const d = compareDataOf([makeEpoch(1, { layers }), makeEpoch(2, { layers })], fields);
  const keep = d.layers.map((l, y) => (l.includes('seg') ? -1 : y)).filter((y) => y >= 0);
  const layerStats = Object.fromEntries(
    Object.entries(d.layerStats).map(([f, rows]) => [f, keep.map((y) => rows[y])]),
  ) as CompareData['layerStats'];
  return {
    ...d,
    layers: keep.map((y) => d.layers[y]),
    layerStats,
    metrics: d.metrics.filter((m) => m.task === 'cls'),
    weights: d.weights.filter((w) => w.name === 'cls'),
    taskGrads: d.taskGrads.filter((g) => g.name === 'cls'),
    taskCosines: [],
  };
}

/** The overlay stub's text: "title | series count | points with a value"; data-series: each series' id or name. */
const EChartStub = {
  props: ['option'],
  template:
    '<div class="echart-stub" :data-series="option.series.map((s) => s.id || s.name).join(\'|\')">' +
    '{{ option.title.text }} | {{ option.series.length }} | ' +
    '{{ option.series.reduce((n, s) => n + s.data.filter((p) => p[1] !== null && p[1] !== undefined).length, 0) }}</div>',
};

/** CompareView on /compare?ids=<ids>, runs.compare answered by `dataOf(id, layerFields)`. */
export async function mountCompare(
  ids: string,
  runOf: (id: string) => RunDetail,
  dataOf: (id: string, fields: Parameters<typeof compareDataOf>[1]) => CompareData,
) {
  const fake = fakeApi({
    'runs.compare': ({ ids, layerFields }) => ({
      runs: ids.map(runOf),
      data: Object.fromEntries(ids.map((id) => [id, dataOf(id, layerFields)])),
      diff: [],
    }),
  });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/compare', component: CompareView },
      { path: '/:p(.*)*', component: { render: () => null } },
    ],
  });
  await router.push(`/compare?ids=${ids}`);
  const w = mount(CompareView, { global: { ...globalWith(fake.api, [router]), stubs: { EChart: EChartStub } } });
  await flushPromises();
  return { w, fake, router };
}
