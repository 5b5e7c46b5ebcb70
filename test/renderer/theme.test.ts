// @vitest-environment happy-dom
/** Settings ▸ Theme: system / light / dark, remembered, applied at once to the page and to every chart. */
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import App from '../../renderer/src/App.vue';
import EChart from '../../renderer/src/components/EChart.vue';
import ThemePanel from '../../renderer/src/components/settings/ThemePanel.vue';
import { createTheme, theme, THEME_KEY } from '../../renderer/src/theme.ts';
import { fakeApi, globalWith } from './fake-api.ts';
import { runReplies } from './run-fixtures.ts';

/** vue-echarts stand-in: records the theme each chart is drawn with. */
const seen = vi.hoisted(() => ({ themes: [] as unknown[] }));
vi.mock('vue-echarts', async () => {
  const { defineComponent, h } = await import('vue');
  return {
    default: defineComponent({
      props: { option: { type: Object, required: true }, theme: { type: String, default: undefined } },
      setup(props) {
        return () => {
          seen.themes.push(props.theme);
          return h('div', { class: 'vchart', 'data-chart-theme': props.theme ?? 'light' });
        };
      },
    }),
  };
});

/** A window whose prefers-color-scheme the test flips, and a memory localStorage. */
function fakeWindow(dark: boolean, stored?: string) {
  const listeners: Array<(e: { matches: boolean }) => void> = [];
  const media = {
    matches: dark,
    addEventListener: (_: string, l: (e: { matches: boolean }) => void) => listeners.push(l),
  };
  const store = new Map<string, string>(stored ? [[THEME_KEY, stored]] : []);
  const win = {
    matchMedia: () => media,
    localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) },
  };
  return { win: win as never, store, flip: (d: boolean) => listeners.forEach((l) => l({ matches: d })) };
}

afterEach(() => {
  theme.set('system');
  localStorage.clear();
});

describe('createTheme', () => {
  it('system follows prefers-color-scheme live, and the page follows it', async () => {
    const f = fakeWindow(false);
    const t = createTheme(f.win);
    const root = document.createElement('html');
    t.apply(root);
    expect(t.choice.value).toBe('system');
    expect(root.dataset.theme).toBe('light');
    f.flip(true);
    await nextTick();
    expect(root.dataset.theme).toBe('dark');
    expect(root.style.colorScheme).toBe('dark');
  });

  it('light or dark hold whatever the system says, and are remembered', async () => {
    const f = fakeWindow(true);
    const t = createTheme(f.win);
    const root = document.createElement('html');
    t.apply(root);
    t.set('light');
    await nextTick();
    expect(root.dataset.theme).toBe('light');
    expect(f.store.get(THEME_KEY)).toBe('light');
    f.flip(false);
    t.set('dark');
    await nextTick();
    expect(root.dataset.theme).toBe('dark');
    expect(createTheme(fakeWindow(false, 'dark').win).isDark.value).toBe(true);
  });

  it('an unknown stored value falls back to system', () => {
    expect(createTheme(fakeWindow(true, 'purple').win).choice.value).toBe('system');
  });
});

describe('the app', () => {
  it('choosing Dark in Settings darkens the page and redraws every chart dark, at once', async () => {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/settings', name: 'settings', component: ThemePanel },
        ...['design', 'live', 'history', 'compare'].map((name) => ({ path: `/${name}`, name, component: ThemePanel })),
      ],
    });
    await router.push('/settings');
    const fake = fakeApi(runReplies({ runs: [], epochs: {}, running: [], queued: [] }));
    const app = mount(App, { global: globalWith(fake.api, [router]) });
    const chart = mount(EChart, { props: { option: {} } });
    await flushPromises();
    const html = document.documentElement;
    const before = html.dataset.theme;
    expect(before).toBe(theme.isDark.value ? 'dark' : 'light');

    await app.get('[data-theme-choice=dark]').setValue(true);
    await nextTick();
    expect(html.dataset.theme).toBe('dark');
    expect(chart.get('.vchart').attributes('data-chart-theme')).toBe('dark');
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');

    await app.get('[data-theme-choice=light]').setValue(true);
    await nextTick();
    expect(html.dataset.theme).toBe('light');
    expect(chart.get('.vchart').attributes('data-chart-theme')).toBe('light');
    app.unmount();
  });
});
