// @vitest-environment happy-dom
import type { DesktopApi, Output } from '@core/api/contract.ts';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DESKTOP_KEY } from '../../renderer/src/api/desktop.ts';
import AboutPanel from '../../renderer/src/components/settings/AboutPanel.vue';
import BackendPanel from '../../renderer/src/components/settings/BackendPanel.vue';
import DatabasePanel from '../../renderer/src/components/settings/DatabasePanel.vue';
import ParallelPanel from '../../renderer/src/components/settings/ParallelPanel.vue';
import { SHORTCUTS } from '../../renderer/src/components/settings/shortcuts.ts';
import { PARALLEL_KEY, useAppStore } from '../../renderer/src/stores/app.ts';
import SettingsView from '../../renderer/src/views/SettingsView.vue';
import { fakeApi, globalWith, type Replies } from './fake-api.ts';

const INFO: Output<'app.info'> = {
  version: '0.1.0',
  dbPath: '/data/runs.db',
  dbBytes: 3_250_000,
  readOnly: true,
  readOnlyReason: 'schema 9 is newer than this app (7)',
  parallel: 2,
  maxParallel: 8,
  door: 'web',
};
const DIAG: Output<'backends.diagnose'> = {
  diagnoses: [
    {
      name: 'tensorflow-gpu',
      available: false,
      reason: 'CUDA 11.2 runtime (libcudart.so.11.0) not found (libcudart.so.11.0: cannot open shared object file)',
      detail: null,
      nextStep: "from NVIDIA's CUDA apt repository: `sudo apt install cuda-cudart-11-2`, then `sudo ldconfig`",
    },
    {
      name: 'tensorflow',
      available: false,
      reason: "not installed (Cannot find package '@tensorflow/tfjs-node')",
      detail: null,
      nextStep: "in the workbench's folder: `npm install @tensorflow/tfjs-node@4.22.0`",
    },
    { name: 'wasm', available: true, reason: null, detail: 'wasm (SIMD, 1 thread)', nextStep: null },
    { name: 'cpu', available: true, reason: null, detail: 'cpu (plain JavaScript)', nextStep: null },
  ],
  lastUsed: {
    name: 'wasm',
    detail: 'wasm (SIMD, 1 thread)',
    skipped: [{ name: 'tensorflow-gpu', reason: 'libcudart.so.11.0 not found' }],
    parityMaxAbsDiff: 3e-7,
  },
};

const replies = (extra: Replies = {}): Replies => ({
  'app.info': () => INFO,
  'backends.diagnose': () => DIAG,
  'runs.active': () => ({ queued: [], running: [], progress: {} }),
  ...extra,
});

function fakeDesktop(): DesktopApi & { opened: number } {
  const d = {
    opened: 0,
    pickDataFile: async () => null,
    openDatabase: async () => (d.opened++, true),
  };
  return d;
}

beforeEach(() => localStorage.clear());

describe('AboutPanel', () => {
  it('shows the version and the door', () => {
    const t = mount(AboutPanel, { props: { info: INFO } }).text();
    expect(t).toContain('web bridge');
    expect(t).toContain('0.1.0');
  });
});

describe('DatabasePanel', () => {
  it('shows the path, the size of db + WAL in readable units, and why it is read-only', () => {
    const t = mount(DatabasePanel, { props: { info: INFO } }).text();
    expect(t).toContain('/data/runs.db');
    expect(t).toMatch(/Size\s*3\.3 MB/);
    expect(t).toContain('read-only');
    expect(t).toContain('schema 9 is newer than this app (7)');
  });

  it('in the browser: no Open button, but how serve --db chooses the database', () => {
    const w = mount(DatabasePanel, { props: { info: INFO } });
    expect(w.find('[data-testid=open-database]').exists()).toBe(false);
    expect(w.find('[data-testid=db-serve-note]').text()).toContain('serve --db <file>');
  });

  it('in the desktop app: "Open another database…" goes through the preload', async () => {
    const desktop = fakeDesktop();
    const w = mount(DatabasePanel, {
      props: { info: INFO },
      global: { provide: { [DESKTOP_KEY as symbol]: desktop } },
    });
    expect(w.find('[data-testid=db-serve-note]').exists()).toBe(false);
    await w.get('[data-testid=open-database]').trigger('click');
    await flushPromises();
    expect(desktop.opened).toBe(1);
  });

  it('says when the size cannot be read', () => {
    const t = mount(DatabasePanel, { props: { info: { ...INFO, dbBytes: null } } }).text();
    expect(t).toMatch(/Size\s*unknown/);
  });
});

describe('ParallelPanel', () => {
  function mountPanel(extra: Replies = {}) {
    const fake = fakeApi(replies(extra));
    const w = mount(ParallelPanel, { props: { info: INFO }, global: globalWith(fake.api) });
    return { fake, w };
  }

  it('sends the number to the service at once and remembers it', async () => {
    const { fake, w } = mountPanel({ 'app.configure': ({ parallel }) => ({ parallel: parallel! }) });
    expect((w.get('#parallel-input').element as HTMLInputElement).value).toBe('2');
    await w.get('#parallel-input').setValue('5');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(fake.inputsOf('app.configure')).toEqual([{ parallel: 5 }]);
    expect(localStorage.getItem(PARALLEL_KEY)).toBe('5');
    expect(w.text()).toContain('applied');
  });

  it.each(['0', '9', '2.5', 'x'])(
    'refuses %s, naming the field and the range, without asking the service',
    async (v) => {
      const { fake, w } = mountPanel({ 'app.configure': ({ parallel }) => ({ parallel: parallel! }) });
      await w.get('#parallel-input').setValue(v);
      await w.get('form').trigger('submit');
      await flushPromises();
      expect(fake.inputsOf('app.configure')).toEqual([]);
      expect(w.get('[role=alert]').text()).toBe(
        "Runs in parallel: must be a whole number from 1 to 8 (twice this machine's cores)",
      );
      expect(localStorage.getItem(PARALLEL_KEY)).toBeNull();
    },
  );

  it("shows the service's refusal", async () => {
    const error = { code: 'invalid_argument' as const, field: 'parallel', message: 'parallel: must be at most 8' };
    const { w } = mountPanel({ 'app.configure': () => ({ ok: false, error }) });
    await w.get('#parallel-input').setValue('3');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(w.get('[role=alert]').text()).toBe('parallel: must be at most 8');
  });
});

describe('parallel runs at start-up', () => {
  it('re-applies the remembered choice to the service, fitted to its limit, without overwriting it', async () => {
    localStorage.setItem(PARALLEL_KEY, '12');
    const fake = fakeApi(replies({ 'app.configure': ({ parallel }) => ({ parallel: parallel! }) }));
    mount({ render: () => null }, { global: globalWith(fake.api) });
    const app = useAppStore();
    await app.load();
    expect(fake.inputsOf('app.configure')).toEqual([{ parallel: 8 }]);
    expect(app.info?.parallel).toBe(8);
    expect(localStorage.getItem(PARALLEL_KEY)).toBe('12');
  });

  it('asks nothing when nothing is remembered', async () => {
    const fake = fakeApi(replies());
    mount({ render: () => null }, { global: globalWith(fake.api) });
    await useAppStore().load();
    expect(fake.inputsOf('app.configure')).toEqual([]);
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

  it('shows the next step of each unavailable backend, its commands as code, and no paths', () => {
    const w = mount(BackendPanel, { props: { report: DIAG, error: null, loading: false } });
    const next = w.get('[data-backend=tensorflow] [data-testid=next-step]');
    expect(next.get('code').text()).toBe('npm install @tensorflow/tfjs-node@4.22.0');
    const gpu = w.get('[data-backend=tensorflow-gpu] [data-testid=next-step]');
    expect(gpu.findAll('code').map((c) => c.text())).toEqual(['sudo apt install cuda-cudart-11-2', 'sudo ldconfig']);
    expect(w.get('[data-backend=wasm] [data-testid=next-step]').text()).toBe('nothing: it loads');
    expect(w.text()).not.toMatch(/\/src\/|node_modules\/|\.ts\b/);
  });
});

it('the shortcuts list has Alt+1…5 and the History keys', () => {
  const keys = SHORTCUTS.flatMap((g) => g.items.map((i) => i.keys));
  expect(keys).toEqual(
    expect.arrayContaining(['Alt+1', 'Alt+2', 'Alt+3', 'Alt+4', 'Alt+5', 'Space', 'Enter', 'Delete']),
  );
});

it('SettingsView asks the service for info and a diagnosis, and shows every section', async () => {
  const fake = fakeApi(replies());
  const w = mount(SettingsView, { global: globalWith(fake.api) });
  await flushPromises();
  expect(fake.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['app.info', 'backends.diagnose']));
  expect(w.text()).toContain('/data/runs.db');
  expect(w.text()).toMatch(/Runs in parallel/);
  expect((w.get('#parallel-input').element as HTMLInputElement).value).toBe('2');
  expect(w.text()).toContain('Theme');
  expect(w.text()).toContain('Keyboard shortcuts');
  expect(w.find('[data-backend=wasm]').exists()).toBe(true);
  vi.restoreAllMocks();
});
