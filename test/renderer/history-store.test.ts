// @vitest-environment happy-dom
import type { RunDetail, RunSummary } from '@core/domain/runs.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PAGE_SIZE, useRunsStore } from '../../renderer/src/stores/runs.ts';
import { appWith, fakeApi } from './fake-api.ts';

const summary = (i: number): RunSummary => ({
  id: `run-${String(i).padStart(5, '0')}`,
  name: `run ${i}`,
  status: 'completed',
  experimentId: null,
  experimentName: null,
  tags: [],
  createdAt: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
  startedAt: null,
  finishedAt: null,
  durationMs: null,
  epochsPlanned: 2,
  epochsDone: 2,
  lastVanishingRatio: 0.01,
  lastHealth: null,
  finalMetrics: {},
  error: null,
  seedGroup: `sg-${i}`,
});

/** The shared fake over `count` runs: runs.list pages, delete, update, export. */
function historyApi(count = 1000) {
  let runs = Array.from({ length: count }, (_, i) => summary(i));
  const fake = fakeApi({
    'runs.list': (q) => ({ total: runs.length, items: runs.slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? 50)) }),
    'runs.delete': ({ ids }) => {
      const before = runs.length;
      runs = runs.filter((r) => !ids.includes(r.id));
      return { deleted: before - runs.length };
    },
    'runs.update': ({ id, ...patch }) =>
      ({ ...runs.find((r) => r.id === id)!, ...patch, spec: {}, backend: null, notes: '' }) as unknown as RunDetail,
    'runs.export': ({ format }) => ({ filename: `x.${format}`, mime: 'text/csv', content: 'a,b' }),
    'runs.active': () => ({ queued: [], running: [], progress: {} }),
    'experiments.list': () => [],
  });
  return { ...fake, listCalls: () => fake.inputsOf('runs.list') };
}

describe('runs store', () => {
  let fake: ReturnType<typeof historyApi>;
  let store: ReturnType<typeof useRunsStore>;
  beforeEach(() => {
    fake = historyApi();
    store = appWith(fake.api).use(useRunsStore);
  });

  it('turns filters and order into the runs.list input, leaving empty filters out', async () => {
    await store.reload();
    expect(fake.listCalls()[0]).toEqual({ sort: 'created', dir: 'desc', offset: 0, limit: PAGE_SIZE });
    await store.setFilters({ status: 'failed', tag: '  sigmoid ', text: ' λ sweep ' });
    expect(fake.listCalls().at(-1)).toEqual({
      sort: 'created',
      dir: 'desc',
      offset: 0,
      limit: PAGE_SIZE,
      status: 'failed',
      tag: 'sigmoid',
      text: 'λ sweep',
    });
    await store.setOrder({ sort: 'duration', dir: 'asc' });
    expect(fake.listCalls().at(-1)).toMatchObject({ sort: 'duration', dir: 'asc', offset: 0 });
    await store.setFilters({ status: '', tag: '', text: '   ' });
    expect(fake.listCalls().at(-1)).toEqual({ sort: 'duration', dir: 'asc', offset: 0, limit: PAGE_SIZE });
  });

  it('pages through runs.list as the window moves, once per page, rows at their index', async () => {
    await store.reload();
    expect(store.total).toBe(1000);
    expect(store.rows[0]?.id).toBe('run-00000');
    expect(store.rows[150]).toBeUndefined();
    const before = fake.listCalls().length;
    await Promise.all([store.ensureRange(190, 230), store.ensureRange(195, 235)]);
    const pages = fake
      .listCalls()
      .slice(before)
      .map((q) => q.offset);
    expect(pages).toEqual([100, 200]);
    expect(store.rows[150]?.id).toBe('run-00150');
    expect(store.rows[234]?.id).toBe('run-00234');
    expect(store.rows[300]).toBeUndefined();
    await store.ensureRange(0, 30);
    expect(fake.listCalls().length).toBe(before + 2);
  });

  it('a reload asks only for the pages in view and drops pages of the old query', async () => {
    await store.reload();
    await store.ensureRange(500, 530);
    const before = fake.listCalls().length;
    await store.reload();
    expect(
      fake
        .listCalls()
        .slice(before)
        .map((q) => q.offset),
    ).toEqual([500]);
    expect(store.rows[0]).toBeUndefined();
    expect(store.rows[510]?.id).toBe('run-00510');
  });

  it('selection: click, shift-click range, ctrl toggle, keyboard', async () => {
    await store.reload();
    store.click(2);
    store.click(5, { shift: true });
    expect(store.selectedIds).toEqual(['run-00002', 'run-00003', 'run-00004', 'run-00005']);
    store.click(3, { toggle: true });
    expect(store.selectedIds).not.toContain('run-00003');
    store.move(1);
    store.toggle();
    expect(store.selectedIds).toEqual(['run-00002', 'run-00005']);
    expect(store.cursorRun?.id).toBe('run-00004');
    store.move(1, true);
    expect(store.selectedIds).toEqual(['run-00004', 'run-00005']);
    store.clearSelection();
    expect(store.selectedIds).toEqual([]);
  });

  it('delete refuses without a confirmed request, and deletes exactly what was confirmed', async () => {
    await store.reload();
    expect(await store.confirmDelete()).toBe(0);
    store.click(0);
    store.click(1, { shift: true });
    store.requestDelete();
    expect(store.pendingDelete).toEqual(['run-00000', 'run-00001']);
    store.cancelDelete();
    expect(await store.confirmDelete()).toBe(0);
    expect(fake.calls.some((c) => c.method === 'runs.delete')).toBe(false);
    store.requestDelete();
    expect(await store.confirmDelete()).toBe(2);
    expect(fake.calls.filter((c) => c.method === 'runs.delete').map((c) => c.input)).toEqual([
      { ids: ['run-00000', 'run-00001'] },
    ]);
    expect(store.selectedIds).toEqual([]);
    expect(store.total).toBe(998);
    expect(store.pendingDelete).toBeNull();
  });

  it('requestDelete with nothing selected opens no dialog', () => {
    store.requestDelete();
    expect(store.pendingDelete).toBeNull();
  });

  it('rename patches the row in place; export asks for the selected ids and format', async () => {
    await store.reload();
    await store.update('run-00003', { name: 'renamed', tags: ['a'] });
    expect(store.rows[3]).toMatchObject({ name: 'renamed', tags: ['a'] });
    const file = await store.exportRuns(['run-00001', 'run-00002'], 'csv-wide');
    expect(file.filename).toBe('x.csv-wide');
    expect(fake.calls.at(-1)).toEqual({
      method: 'runs.export',
      input: { ids: ['run-00001', 'run-00002'], format: 'csv-wide' },
    });
    // nothing selected, an experiment filtered: the whole experiment
    store.setFilters({ experimentId: 'exp-1' });
    await store.exportRuns([], 'json');
    expect(fake.calls.filter((c) => c.method === 'runs.export').at(-1)).toEqual({
      method: 'runs.export',
      input: { ids: [], experimentId: 'exp-1', format: 'json' },
    });
  });
});

describe('runs store and service events', () => {
  afterEach(() => vi.useRealTimers());

  it('refreshes the list on runs.changed and run.finished, coalescing a burst', async () => {
    vi.useFakeTimers();
    const fake = historyApi(10);
    const store = appWith(fake.api).use(useRunsStore);
    await store.reload();
    const before = fake.listCalls().length;
    fake.emit('runs.changed', { reason: 'created' });
    fake.emit('run.finished', { runId: 'run-00001', status: 'completed', epochs: 2, message: null });
    fake.emit('runs.changed', { reason: 'updated' });
    await vi.advanceTimersByTimeAsync(200);
    expect(fake.listCalls().length).toBe(before + 1);
  });
});

it('keeps the cursor on the same run when a reload shifts the rows (a new run arrived on top)', async () => {
  const fake = historyApi(50);
  const store = appWith(fake.api).use(useRunsStore);
  await store.reload();
  store.click(3);
  expect(store.cursorRun?.id).toBe('run-00003');
  // the service now lists one more run first
  const first = summary(999);
  const runs = Array.from({ length: 50 }, (_, i) => summary(i));
  fake.reply('runs.list', () => ({ total: 51, items: [first, ...runs] }));
  await store.reload();
  expect(store.rows[0]?.id).toBe('run-00999');
  expect(store.cursorRun?.id).toBe('run-00003');
  expect(store.selection.cursor).toBe(4);
  expect(store.selectedIds).toEqual(['run-00003']);
});
