// @vitest-environment happy-dom
/** The shell's nav: the current view is marked on every route of it, and the active badge opens Live. */
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import App from '../../renderer/src/App.vue';
import { fakeApi, globalWith } from './fake-api.ts';
import { makeRun, runReplies } from './run-fixtures.ts';

async function mountApp(path: string) {
  const state = {
    runs: [makeRun('a', { name: 'sigmoid' }), makeRun('b')],
    epochs: {},
    running: ['a', 'b'],
    queued: [],
  };
  const fake = fakeApi(runReplies(state));
  const blank = { render: () => null };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/design', name: 'design', component: blank },
      { path: '/live/:id?', name: 'live', component: blank },
      { path: '/history', name: 'history', component: blank },
      { path: '/compare', name: 'compare', component: blank },
      { path: '/studies', name: 'studies', component: blank },
      { path: '/settings', name: 'settings', component: blank },
    ],
  });
  await router.push(path);
  const w = mount(App, { global: globalWith(fake.api, [router]) });
  await flushPromises();
  return { w, router };
}

describe('App nav', () => {
  it('highlights Live run on #/live/<id>, and only it', async () => {
    const { w } = await mountApp('/live/a');
    const current = w.findAll('nav a.nav-link[aria-current=page]');
    expect(current.map((a) => a.attributes('data-view'))).toEqual(['live']);
    expect(w.find('[data-view=live]').classes()).toContain('router-link-active');
  });

  it('opens Live on an active run from the "2 active" badge', async () => {
    const { w, router } = await mountApp('/history');
    const badge = w.find('[data-testid=active-badge]');
    expect(badge.text()).toBe('2 active');
    await badge.trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/live/a');
  });

  it('has Studies in the nav, opened by a click or Alt+6', async () => {
    const { w, router } = await mountApp('/history');
    const link = w.find('nav a[data-view=studies]');
    expect(link.text()).toBe('Studies');
    expect(link.attributes('title')).toBe('Studies (Alt+6)');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '6', altKey: true }));
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/studies');
    expect(w.find('nav a[aria-current=page]').attributes('data-view')).toBe('studies');
    w.unmount();
  });
});
