// @vitest-environment happy-dom
/** History selection as a person uses it: Ctrl+A, Ctrl-click to unselect, and Save that says it saved. */
import type { RunSummary } from '@core/domain/runs.ts';
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { makeRun } from './run-fixtures.ts';
import { mountHistoryWith } from './history-mount.ts';

const runs: RunSummary[] = Array.from({ length: 1500 }, (_, i) =>
  makeRun(`run-${i}`, { name: `run ${i}`, status: 'completed' }),
);

function mountHistory() {
  return mountHistoryWith({
    'runs.list': (q) => ({ total: runs.length, items: runs.slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? 50)) }),
    'runs.active': () => ({ queued: [], running: [], progress: {} }),
    'experiments.list': () => [],
    'runs.get': ({ id }) => makeRun(id, { name: runs.find((r) => r.id === id)?.name, status: 'completed' }),
    'runs.update': ({ id, name }) => makeRun(id, { name, status: 'completed' }),
  });
}

describe('History selection', () => {
  it('Ctrl+A in the table selects every run, loaded or not', async () => {
    const { w } = await mountHistory();
    await w.find('[role=grid]').trigger('keydown', { key: 'a', ctrlKey: true });
    await flushPromises();
    expect(w.find('.toolbar').text()).toContain('1500 selected');
  });

  it('the side panel drops a row that Ctrl-click unselected', async () => {
    const { w } = await mountHistory();
    const rows = () => w.findAll('.run-row');
    await rows()[0].trigger('click');
    await rows()[1].trigger('click', { ctrlKey: true });
    await flushPromises();
    expect((w.find('aside.details input').element as HTMLInputElement).value).toBe('run 1');
    await rows()[1].trigger('click', { ctrlKey: true }); // unselect run 1: the panel shows run 0, still selected
    await flushPromises();
    expect((w.find('aside.details input').element as HTMLInputElement).value).toBe('run 0');
    await rows()[0].trigger('click', { ctrlKey: true }); // nothing selected: no panel
    await flushPromises();
    expect(w.find('aside.details').exists()).toBe(false);
  });

  it('Save says it saved', async () => {
    const { w, fake } = await mountHistory();
    await w.findAll('.run-row')[0].trigger('click');
    await flushPromises();
    await w.find('aside.details input').setValue('renamed');
    expect(w.find('[data-testid=saved]').exists()).toBe(false);
    await w.find('aside.details form').trigger('submit');
    await flushPromises();
    expect(fake.inputsOf('runs.update')).toEqual([{ id: 'run-0', name: 'renamed' }]);
    expect(w.find('[data-testid=saved]').text()).toMatch(/^Saved at /);
  });
});
