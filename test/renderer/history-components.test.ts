// @vitest-environment happy-dom
import type { RunSummary } from '@core/domain/runs.ts';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import ConfirmDialog from '../../renderer/src/components/common/ConfirmDialog.vue';
import RunsTable from '../../renderer/src/components/history/RunsTable.vue';
import { emptySelection } from '../../renderer/src/history/selection.ts';
import type { Replies } from './fake-api.ts';
import { mountHistoryWith } from './history-mount.ts';

const summary = (i: number): RunSummary => ({
  id: `run-${i}`,
  name: `run ${i}`,
  status: i % 7 === 3 ? 'failed' : 'completed',
  experimentId: null,
  experimentName: 'sweep',
  tags: ['t'],
  createdAt: '2025-01-01T00:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  durationMs: 1500,
  epochsPlanned: 2,
  epochsDone: 2,
  lastVanishingRatio: 0.001,
  lastHealth: {
    dzRatio: -1.5,
    wRatio: 0.2,
    weakestLayer: 'trunk.3',
    weakestLog10: -4.2,
    deadLayers: ['trunk.3', 'trunk.4'],
    alive: 8,
    trunkLayers: 10,
    decades: 3,
    healthFrom: 2,
  },
  finalMetrics: { cls: { accuracy: 0.9, loss: 0.2 } },
  error: null,
  seedGroup: `sg-${i}`,
});

describe('RunsTable', () => {
  const rows = Array.from({ length: 10_000 }, (_, i) => summary(i));
  const props = {
    rows,
    total: 10_000,
    selection: emptySelection(),
    order: { sort: 'created', dir: 'desc' } as const,
    queryKey: '',
  };

  it('renders only the rows in view (plus overscan) of 10,000, over a spacer of full height', () => {
    const w = mount(RunsTable, { props });
    const rendered = w.findAll('.run-row');
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(40);
    expect(w.find('.spacer').attributes('style')).toContain(`height: ${10_000 * 34}px`);
    expect(w.find('[role=grid]').attributes('aria-rowcount')).toBe('10001');
    expect(rendered[0].text()).toContain('run 0');
    expect(rendered[0].text()).toContain('alive 8/10 · weakest trunk.3 −4.2');
    expect(w.emitted('window')?.[0]).toEqual([0, rendered.length]);
  });

  it('turns clicks and keys into selection intents', async () => {
    const w = mount(RunsTable, {
      props: { ...props, selection: { selected: new Set(['run-2']), anchor: 2, cursor: 2 } },
    });
    await w.findAll('.run-row')[4].trigger('click', { shiftKey: true });
    await w.findAll('.run-row')[5].trigger('click', { ctrlKey: true });
    expect(w.emitted('click')).toEqual([
      [4, { shift: true, toggle: false }],
      [5, { shift: false, toggle: true }],
    ]);
    const grid = w.find('[role=grid]');
    await grid.trigger('keydown', { key: 'ArrowDown' });
    await grid.trigger('keydown', { key: 'ArrowUp', shiftKey: true });
    await grid.trigger('keydown', { key: ' ' });
    await grid.trigger('keydown', { key: 'Enter' });
    await grid.trigger('keydown', { key: 'Delete' });
    expect(w.emitted('move')).toEqual([
      [1, false],
      [-1, true],
    ]);
    expect(w.emitted('toggle')).toHaveLength(1);
    expect(w.emitted('open')).toEqual([['run-2']]);
    expect(w.emitted('remove')).toHaveLength(1);
    expect(w.findAll('.run-row')[2].attributes('aria-selected')).toBe('true');
  });

  it('sorts by a header, and renames inline with F2 then Enter', async () => {
    const w = mount(RunsTable, {
      props: { ...props, selection: { selected: new Set<string>(), anchor: 1, cursor: 1 } },
      attachTo: document.body,
    });
    await w.find('[data-sort=duration]').trigger('click');
    expect(w.emitted('sort')).toEqual([['duration']]);
    await w.find('[role=grid]').trigger('keydown', { key: 'F2' });
    const input = w.find('input.rename');
    expect(input.exists()).toBe(true);
    await input.setValue('  better name ');
    await input.trigger('keydown', { key: 'Enter' });
    expect(w.emitted('rename')).toEqual([['run-1', 'better name']]);
    expect(w.find('input.rename').exists()).toBe(false);
    w.unmount();
  });
});

describe('ConfirmDialog', () => {
  it('Enter confirms, Esc cancels, buttons too', async () => {
    const w = mount(ConfirmDialog, {
      props: { open: true, title: 'Delete runs?', message: 'gone for good' },
      attachTo: document.body,
    });
    await flushPromises();
    const d = w.find('dialog');
    await d.trigger('keydown', { key: 'Enter' });
    await d.trigger('keydown', { key: 'Escape' });
    await w.find('[data-test=cancel]').trigger('click');
    await w.find('[data-test=confirm]').trigger('click');
    expect(w.emitted('confirm')).toHaveLength(2);
    expect(w.emitted('cancel')).toHaveLength(2);
    w.unmount();
  });
});

/** The shared fake with `count` runs; a text search finds none. */
const historyReplies = (count: number): Replies => ({
  'runs.list': (q) => {
    const n = q.text ? 0 : count;
    const items = Array.from({ length: Math.max(0, Math.min(q.limit ?? 50, n - (q.offset ?? 0))) }, (_, i) =>
      summary((q.offset ?? 0) + i),
    );
    return { total: n, items };
  },
  'runs.active': () => ({ queued: [], running: [], progress: {} }),
  'experiments.list': () => [],
});

function mountHistory(count: number) {
  return mountHistoryWith(historyReplies(count));
}

describe('HistoryView', () => {
  it('tells a newcomer to design a run when there are none', async () => {
    const { w } = await mountHistory(0);
    expect(w.text()).toContain('No runs yet');
    expect(w.find('a[href="/design"]').exists()).toBe(true);
    w.unmount();
  });

  it('asks runs.list once on open, shows rows, and compares 2–20 selected runs', async () => {
    const { w, fake, router } = await mountHistory(500);
    expect(fake.calls.filter((c) => c.method === 'runs.list')).toHaveLength(1);
    expect(w.text()).toContain('500 runs');
    const compare = w.find('[data-action=compare]');
    expect(compare.attributes('disabled')).toBeDefined();
    await w.findAll('.run-row')[0].trigger('click');
    await w.findAll('.run-row')[2].trigger('click', { shiftKey: true });
    expect(w.text()).toContain('3 selected');
    await compare.trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/compare?ids=run-0,run-1,run-2');
    w.unmount();
  });

  it('asks before deleting: the dialog opens, Esc cancels without a runs.delete', async () => {
    const { w, fake } = await mountHistory(5);
    await w.findAll('.run-row')[1].trigger('click');
    await w.find('[data-action=delete]').trigger('click');
    await flushPromises();
    expect(w.find('dialog').text()).toContain('This run and every stored epoch');
    await w.find('dialog').trigger('keydown', { key: 'Escape' });
    await flushPromises();
    expect(fake.calls.some((c) => c.method === 'runs.delete')).toBe(false);
    w.unmount();
  });
});
