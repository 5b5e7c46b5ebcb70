// @vitest-environment happy-dom
import type { Output } from '@core/api/contract.ts';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import AboutPanel from '../../renderer/src/components/settings/AboutPanel.vue';
import BackendPanel from '../../renderer/src/components/settings/BackendPanel.vue';
import { SHORTCUTS } from '../../renderer/src/components/settings/shortcuts.ts';
import SettingsView from '../../renderer/src/views/SettingsView.vue';
import { fakeApi, globalWith } from './fake-api.ts';

const INFO: Output<'app.info'> = {
  version: '0.1.0',
  dbPath: '/data/runs.db',
  readOnly: true,
  readOnlyReason: 'schema 9 is newer than this app (7)',
  parallel: 2,
  maxParallel: 8,
  dbBytes: 3_250_000,
  door: 'web',
};
const DIAG: Output<'backends.diagnose'> = {
  diagnoses: [
    {
      name: 'tensorflow-gpu',
      available: false,
      reason: 'libcudart.so.11.0: cannot open shared object file',
      detail: null,
    },
    { name: 'tensorflow', available: false, reason: 'not installed', detail: null },
    { name: 'wasm', available: true, reason: null, detail: 'wasm (SIMD, 1 thread)' },
    { name: 'cpu', available: true, reason: null, detail: 'cpu (plain JavaScript)' },
  ],
  lastUsed: {
    name: 'wasm',
    detail: 'wasm (SIMD, 1 thread)',
    skipped: [{ name: 'tensorflow-gpu', reason: 'libcudart.so.11.0 not found' }],
    parityMaxAbsDiff: 3e-7,
  },
};

describe('AboutPanel', () => {
  it('shows the database, why it is read-only, the door and parallelism', () => {
    const t = mount(AboutPanel, { props: { info: INFO } }).text();
    expect(t).toContain('/data/runs.db');
    expect(t).toContain('read-only');
    expect(t).toContain('schema 9 is newer than this app (7)');
    expect(t).toContain('web bridge');
    expect(t).toContain('0.1.0');
    expect(t).toMatch(/Runs in parallel\s*2/);
  });
});

describe('BackendPanel', () => {
  it('marks the backend auto picks, says why the others failed, and the last run’s report', () => {
    const w = mount(BackendPanel, { props: { report: DIAG, error: null, loading: false } });
    expect(w.find('[data-backend=wasm]').text()).toContain('used by auto');
    expect(w.find('[data-backend=cpu]').text()).not.toContain('used by auto');
    expect(w.find('[data-backend=tensorflow-gpu]').text()).toContain('libcudart.so.11.0');
    expect(w.text()).toContain('tensorflow-gpu skipped: libcudart.so.11.0 not found');
    expect(w.text()).toContain('3.0e-7');
  });
});

it('the shortcuts list has Alt+1…5 and the History keys', () => {
  const keys = SHORTCUTS.flatMap((g) => g.items.map((i) => i.keys));
  expect(keys).toEqual(
    expect.arrayContaining(['Alt+1', 'Alt+2', 'Alt+3', 'Alt+4', 'Alt+5', 'Space', 'Enter', 'Delete']),
  );
});

it('SettingsView asks the service for info and a diagnosis', async () => {
  const fake = fakeApi({
    'app.info': () => INFO,
    'backends.diagnose': () => DIAG,
    'runs.active': () => ({ queued: [], running: [], progress: {} }),
  });
  const w = mount(SettingsView, { global: globalWith(fake.api) });
  await flushPromises();
  expect(fake.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['app.info', 'backends.diagnose']));
  expect(w.text()).toContain('/data/runs.db');
  expect(w.text()).toContain('Keyboard shortcuts');
  expect(w.find('[data-backend=wasm]').exists()).toBe(true);
});
