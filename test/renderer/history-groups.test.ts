// @vitest-environment happy-dom
/** History's seed groups: repeats fold into one row with mean ± std, open to their runs; final-metric sort. */
import type { RunSummary } from '@core/domain/runs.ts';
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { makeRun } from './run-fixtures.ts';
import { mountHistoryWith } from './history-mount.ts';

const health = (alive: number, weakestLog10: number) => ({
  dzRatio: -1,
  wRatio: 0.1,
  weakestLayer: 'trunk.3',
  weakestLog10,
  deadLayers: [],
  alive,
  trunkLayers: 6,
  decades: 3,
  healthFrom: 1,
});

/** newest first: a single run, then three seeds of one configuration, then another single run */
const runs: RunSummary[] = [
  makeRun('solo', { name: 'relu', status: 'completed', finalMetrics: { cls: { accuracy: 0.5, loss: 1 } } }),
  ...[0.8, 0.9, 1.0].map((acc, k) =>
    makeRun(`seed-${k}`, {
      name: `sigmoid · seed=${k * 7}`,
      status: 'completed',
      seedGroup: 'sg-sigmoid',
      finalMetrics: { cls: { accuracy: acc, loss: 0.3 } },
      lastHealth: health(4 + k, -2 - k),
      durationMs: 1000,
    }),
  ),
  makeRun('last', { name: 'tanh', status: 'failed', finalMetrics: {} }),
];

function mountHistory() {
  return mountHistoryWith({
    'runs.list': (q) => ({ total: runs.length, items: runs.slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? 50)) }),
    'runs.active': () => ({ queued: [], running: [], progress: {} }),
    'experiments.list': () => [],
    'runs.get': ({ id }) => runs.find((r) => r.id === id) as never,
  });
}

describe('History seed groups', () => {
  it('shows runs that differ only by seed as one group row: count, mean ± std of metric and health', async () => {
    const { w } = await mountHistory();
    const rows = w.findAll('.run-row');
    expect(rows).toHaveLength(3); // solo, the group, last
    const group = w.find('[data-group=sg-sigmoid]');
    expect(group.find('[data-testid=group-count]').text()).toBe('×3 seeds');
    expect(group.text()).toContain('sigmoid');
    expect(group.text()).not.toContain('seed=7');
    expect(group.find('[data-testid=group-metric]').text()).toBe('cls/accuracy 0.9 ± 0.1');
    expect(group.find('[data-testid=group-health]').text()).toBe('alive 5 ± 1 · weakest -3.00 ± 1.00');
    expect(group.text()).toContain('3 completed');
  });

  it('selecting the group selects its runs; its toggle shows and hides them', async () => {
    const { w, router } = await mountHistory();
    await w.find('[data-group=sg-sigmoid]').trigger('click');
    expect(w.find('.toolbar').text()).toContain('3 selected');
    await w.find('[data-group=sg-sigmoid] button.expand').trigger('click');
    expect(w.findAll('.run-row.member').map((r) => r.attributes('data-run-id'))).toEqual([
      'seed-0',
      'seed-1',
      'seed-2',
    ]);
    expect(w.findAll('.run-row.member.selected')).toHaveLength(3);
    // Ctrl-click one member off: the group is partly selected
    await w.findAll('.run-row.member')[1].trigger('click', { ctrlKey: true });
    expect(w.find('.toolbar').text()).toContain('2 selected');
    expect((w.find('[data-group=sg-sigmoid] input').element as HTMLInputElement).indeterminate).toBe(true);
    await w.find('[data-group=sg-sigmoid] button.expand').trigger('click');
    expect(w.findAll('.run-row.member')).toHaveLength(0);
    await w.find('[data-action=compare]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/compare?ids=seed-0,seed-2');
  });

  it('works from the keyboard: arrows reach the group, → opens, ← closes, Space selects all its runs', async () => {
    const { w } = await mountHistory();
    const grid = w.find('[role=grid]');
    await grid.trigger('keydown', { key: 'ArrowDown' });
    await grid.trigger('keydown', { key: 'ArrowDown' });
    expect(w.find('[data-group=sg-sigmoid]').classes()).toContain('cursor');
    await grid.trigger('keydown', { key: 'ArrowRight' });
    expect(w.find('[data-group=sg-sigmoid]').attributes('aria-expanded')).toBe('true');
    expect(w.findAll('.run-row')).toHaveLength(6);
    await grid.trigger('keydown', { key: 'ArrowDown' }); // onto the first member
    expect(w.find('.run-row.member.cursor').attributes('data-run-id')).toBe('seed-0');
    await grid.trigger('keydown', { key: 'ArrowLeft' }); // a member's ← closes its group, the cursor on it
    expect(w.findAll('.run-row')).toHaveLength(3);
    expect(w.find('[data-group=sg-sigmoid]').classes()).toContain('cursor');
    await grid.trigger('keydown', { key: ' ' });
    expect(w.find('.toolbar').text()).toContain('3 selected');
    await grid.trigger('keydown', { key: 'ArrowDown', shiftKey: true });
    expect(w.find('.toolbar').text()).toContain('4 selected');
  });

  it('sorts by a chosen final metric: runs.list gets sort metric and task/metric', async () => {
    const { w, fake } = await mountHistory();
    const picker = w.find('[data-testid=metric-sort]');
    expect(picker.findAll('option').map((o) => o.text())).toEqual(['cls/accuracy', 'cls/loss']);
    await w.find('.head [data-sort=metric]').trigger('click');
    await flushPromises();
    expect(fake.inputsOf('runs.list').at(-1)).toMatchObject({ sort: 'metric', metric: 'cls/accuracy', dir: 'desc' });
    await picker.setValue('cls/loss');
    await flushPromises();
    expect(fake.inputsOf('runs.list').at(-1)).toMatchObject({ sort: 'metric', metric: 'cls/loss', dir: 'desc' });
    await w.find('.head [data-sort=metric]').trigger('click');
    await flushPromises();
    expect(fake.inputsOf('runs.list').at(-1)).toMatchObject({ sort: 'metric', metric: 'cls/loss', dir: 'asc' });
    expect(w.find('.head [data-sort=metric]').text()).toContain('▲');
  });
});
