/**
 * Mounting StudiesView for renderer tests: the fake api answering the studies methods from the
 * study fixtures, a memory router (with /design, for Open in Design), and an EChart stub that
 * prints the chart's title and series count (the canvas is not what these tests read).
 */
import type { StudyResult } from '../../src/domain/studies.ts';
import { flushPromises, mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import StudiesView from '../../renderer/src/views/StudiesView.vue';
import { fakeApi, globalWith, type Replies } from './fake-api.ts';
import { glorotInfo, glorotResult, glorotSummary, heInfo } from './study-fixtures.ts';

const EChartStub = {
  props: ['option', 'label'],
  template: '<figure class="echart-stub" :data-chart="label">{{ label }}: {{ option.series.length }} series</figure>',
};

/** Replies for the studies methods; `results` answers studies.result by id. */
export function studyReplies(results: Record<string, StudyResult> = { [glorotResult.id]: glorotResult }): Replies {
  return {
    'studies.list': () => [glorotInfo, heInfo],
    'studies.runs': () => [glorotSummary],
    'studies.result': ({ id }) => results[id],
    'studies.run': () => ({ studyRunId: 'study-run-0002', runIds: ['r1', 'r2'], experimentIds: ['e1'] }),
  };
}

export async function mountStudies(replies: Replies = studyReplies()) {
  const fake = fakeApi(replies);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', component: { render: () => null } }],
  });
  await router.push('/studies');
  const w = mount(StudiesView, {
    global: { ...globalWith(fake.api, [router]), stubs: { EChart: EChartStub } },
    attachTo: document.body,
  });
  await flushPromises();
  return { w, fake, router };
}
