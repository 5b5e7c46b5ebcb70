// @vitest-environment happy-dom
/** The delete dialog names the runs, warns about active ones, and starts on Cancel. */
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { deleteSummary } from '../../renderer/src/history/delete-summary.ts';
import { makeRun } from './run-fixtures.ts';
import { mountHistoryWith } from './history-mount.ts';

const runs = [
  makeRun('aaaaaaaa-1', { name: 'sigmoid λ=0.3', status: 'completed' }),
  makeRun('bbbbbbbb-2', { name: 'sigmoid λ=0.7', status: 'running' }),
];

function mountHistory() {
  return mountHistoryWith({
    'runs.list': () => ({ total: runs.length, items: runs }),
    'runs.active': () => ({ queued: [], running: ['bbbbbbbb-2'], progress: {} }),
    'experiments.list': () => [],
    'runs.get': ({ id }) => runs.find((r) => r.id === id),
  });
}

describe('History delete dialog', () => {
  it('names every run, warns that one is running, and focuses Cancel so Enter keeps them', async () => {
    const { w, fake } = await mountHistory();
    const rows = w.findAll('.run-row');
    await rows[0].trigger('click');
    await rows[1].trigger('click', { shiftKey: true });
    await w.find('[data-action=delete]').trigger('click');
    await flushPromises();
    const dialog = w.find('dialog');
    expect(w.findAll('[data-testid=delete-names] li').map((li) => li.text())).toEqual([
      'sigmoid λ=0.3',
      'sigmoid λ=0.7',
    ]);
    expect(w.find('[data-testid=delete-active]').text()).toContain('sigmoid λ=0.7 is still training or queued');
    const cancel = dialog.find('[data-test=cancel]');
    expect(document.activeElement).toBe(cancel.element);
    await cancel.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(fake.calls.some((c) => c.method === 'runs.delete')).toBe(false);
    expect((dialog.element as HTMLDialogElement).open).toBe(false);
    w.unmount();
  });

  it('counts what it does not list, and names runs not loaded by short id', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `${i}0000000-x`);
    const s = deleteSummary(ids, [makeRun(ids[0], { name: 'first', status: 'queued' })]);
    expect(s.names).toEqual(['first', ...ids.slice(1, 8).map((id) => id.slice(0, 8))]);
    expect(s.more).toBe(2);
    expect(s.active).toEqual(['first']);
  });
});
