// @vitest-environment happy-dom
import type { RunDetail } from '@core/domain/runs.ts';
import { flushPromises, mount } from '@vue/test-utils';
import { expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import CompareView from '../../renderer/src/views/CompareView.vue';
import { compareDataOf, makeEpoch, makeSpec } from '../unit/store/fixtures/records.ts';
import { fakeApi, globalWith } from './fake-api.ts';

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
  const fake = fakeApi({
    'runs.compare': ({ ids, layerFields }) => {
      const runs = ids.map((id, i) => run(id, i / 4));
      const data = Object.fromEntries(ids.map((id) => [id, compareDataOf([makeEpoch(1), makeEpoch(2)], layerFields)]));
      return { runs, data, diff: [{ path: 'weighting.lambda', values: runs.map((r) => r.spec.weighting.lambda) }] };
    },
  });
  const methods = () => fake.calls.map((c) => c.method);
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
      ...globalWith(fake.api, [router]),
      stubs: {
        EChart: { props: ['option'], template: '<div class="echart-stub">{{ option.series.length }} series</div>' },
      },
    },
  });
  await flushPromises();
  expect(methods()).toEqual(['runs.compare']);
  expect(w.find('.echart-stub').text()).toBe('3 series');
  expect(w.findAll('figure.heat')).toHaveLength(3);
  expect(w.text()).toContain('weighting.lambda');
  expect(w.findAll('.chip')).toHaveLength(3);
  await w.find('.chip .x').trigger('click');
  await flushPromises();
  expect(router.currentRoute.value.query.ids).toBe('b,c');
  expect(w.findAll('figure.heat')).toHaveLength(2);
  expect(methods()).toEqual(['runs.compare']);
  // another heatmap statistic is fetched once, for the runs shown
  await w.find('select[aria-label="Heatmap statistic"]').setValue('updateRatio');
  await flushPromises();
  expect(methods()).toEqual(['runs.compare', 'runs.compare']);
  expect(w.findAll('figure.heat')).toHaveLength(2);
});

it('without ids it explains how to pick runs', async () => {
  const fake = fakeApi();
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', component: CompareView }],
  });
  await router.push('/compare');
  const w = mount(CompareView, { global: globalWith(fake.api, [router]) });
  await flushPromises();
  expect(w.text()).toContain('Pick 2 to 20 runs');
  expect(fake.calls).toEqual([]);
});
