/** Mounting HistoryView for renderer tests: a catch-all memory router and the fake api with `replies`. */
import { flushPromises, mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import HistoryView from '../../renderer/src/views/HistoryView.vue';
import { fakeApi, globalWith, type Replies } from './fake-api.ts';

export async function mountHistoryWith(replies: Replies) {
  const fake = fakeApi(replies);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', component: { render: () => null } }],
  });
  const w = mount(HistoryView, { global: globalWith(fake.api, [router]), attachTo: document.body });
  await flushPromises();
  return { w, fake, router };
}
