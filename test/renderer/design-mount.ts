/** Mounting the Design view for renderer tests: the shipped presets, a fake api, a memory router, the app info loaded. */
import type { Preset } from '@core/api/contract.ts';
import type { RunDetail } from '../../src/domain/runs.ts';
import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import DesignView from '../../renderer/src/views/DesignView.vue';
import { useAppStore } from '../../renderer/src/stores/app.ts';
import { fakeApi, globalWith, type Replies, type Reply } from './fake-api.ts';
import { runReplies } from './run-fixtures.ts';

/** The presets as the service lists them (src/api/presets.ts reads them the same way; its import.meta.url is not a file under happy-dom). */
export const PRESET_IDS = [
  'seed-cnn-cls-seg',
  'lambda-sweep',
  'vanishing-sigmoid-mlp',
  'relu-he-control',
  'deep-supervision',
];
export const loadPresets = (): Preset[] =>
  PRESET_IDS.map((id) => {
    const value = JSON.parse(readFileSync(resolve('examples', `${id}.json`), 'utf8'));
    return {
      id,
      title: value.name,
      description: value.notes ?? value.description ?? '',
      kind: 'sweep' in value ? 'experiment' : 'spec',
      value,
    };
  });

export interface MountOptions {
  start?: Reply<'runs.start'>;
  /** the database the app reports (app.info); null: app.info is not answered */
  dbPath?: string | null;
  runs?: RunDetail[];
  /** the first route, e.g. `/design?from=r1` */
  at?: string;
  replies?: Replies;
}

export async function mountDesign(o: MountOptions = {}) {
  const fake = fakeApi({
    ...runReplies({ runs: o.runs ?? [], epochs: {}, running: [], queued: [] }),
    'presets.list': () => loadPresets(),
    'runs.start': o.start ?? (() => ({ runIds: ['r1', 'r2'], experimentId: null })),
    ...(o.dbPath !== null && {
      'app.info': () => ({
        version: '0',
        dbPath: o.dbPath ?? '/data/a.sqlite',
        readOnly: false,
        readOnlyReason: null,
        parallel: 1,
        maxParallel: 4,
        dbBytes: null,
        door: 'web' as const,
      }),
    }),
    ...o.replies,
  });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/design', component: DesignView },
      { path: '/live/:id?', component: { render: () => null } },
      { path: '/history', component: { render: () => null } },
    ],
  });
  await router.push(o.at ?? '/design');
  // as App.vue does: the app store loads the service's info next to whatever view is shown
  const Shell = defineComponent({
    setup() {
      void useAppStore().load();
      return () => h(DesignView);
    },
  });
  const w = mount(Shell, { attachTo: document.body, global: globalWith(fake.api, [router]) });
  await flushPromises();
  return { w, router, ...fake };
}
