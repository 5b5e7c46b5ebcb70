// @vitest-environment happy-dom
import type { ApiClient, CompareLayerField, Envelope, Method } from '@core/api/contract.ts';
import type { RunDetail } from '@core/domain/runs.ts';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { API_KEY } from '../../renderer/src/api/inject.ts';
import CompareView from '../../renderer/src/views/CompareView.vue';
import { compareDataOf, makeEpoch, makeSpec } from '../unit/store/fixtures/records.ts';

const run = (id: string, lambda: number) =>
  ({
    id,
    name: `λ=${lambda}`,
    status: 'completed',
    epochsDone: 2,
    epochsPlanned: 2,
    durationMs: 3000,
    backend: null,
    finalMetrics: { cls: { accuracy: lambda } },
    spec: makeSpec({ weighting: { method: 'fixed', lambda } }),
  }) as unknown as RunDetail;

it('loads the runs named in the route once, draws overlay, heatmaps, summary and diff; removing edits the route', async () => {
  const calls: Method[] = [];
  const api: ApiClient = {
    async invoke(method, input) {
      calls.push(method);
      const { ids, layerFields } = input as { ids: string[]; layerFields?: CompareLayerField[] };
      const runs = ids.map((id, i) => run(id, i / 4));
      const data = Object.fromEntries(ids.map((id) => [id, compareDataOf([makeEpoch(1), makeEpoch(2)], layerFields)]));
      const value = {
        runs,
        data,
        diff: [{ path: 'weighting.lambda', values: runs.map((r) => r.spec.weighting.lambda) }],
      };
      return { ok: true, value } as Envelope<never>;
    },
    subscribe: () => () => {},
  };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/compare', component: CompareView },
      { path: '/:p(.*)*', component: { render: () => null } },
    ],
  });
  await router.push('/compare?ids=a,b,c');
  const w = mount(CompareView, {
    global: {
      plugins: [createPinia(), router],
      provide: { [API_KEY as symbol]: api },
      stubs: {
        EChart: { props: ['option'], template: '<div class="echart-stub">{{ option.series.length }} series</div>' },
      },
    },
  });
  await flushPromises();
  expect(calls).toEqual(['runs.compare']);
  expect(w.find('.echart-stub').text()).toBe('3 series');
  expect(w.findAll('figure.heat')).toHaveLength(3);
  expect(w.text()).toContain('weighting.lambda');
  expect(w.findAll('.chip')).toHaveLength(3);
  await w.find('.chip .x').trigger('click');
  await flushPromises();
  expect(router.currentRoute.value.query.ids).toBe('b,c');
  expect(w.findAll('figure.heat')).toHaveLength(2);
  expect(calls).toEqual(['runs.compare']);
  // another heatmap statistic is fetched once, for the runs shown
  await w.find('select[aria-label="Heatmap statistic"]').setValue('updateRatio');
  await flushPromises();
  expect(calls).toEqual(['runs.compare', 'runs.compare']);
  expect(w.findAll('figure.heat')).toHaveLength(2);
});

it('without ids it explains how to pick runs', async () => {
  const api: ApiClient = {
    invoke: async () => ({ ok: true, value: null }) as Envelope<never>,
    subscribe: () => () => {},
  };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', component: CompareView }],
  });
  await router.push('/compare');
  const w = mount(CompareView, { global: { plugins: [createPinia(), router], provide: { [API_KEY as symbol]: api } } });
  await flushPromises();
  expect(w.text()).toContain('Pick 2 to 20 runs');
});
