// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { GRID_MIN_WIDTH, GRID_TEMPLATE } from '../../renderer/src/components/history/columns.ts';
import RunsTable from '../../renderer/src/components/history/RunsTable.vue';
import { splitName } from '../../renderer/src/history/format.ts';
import { nextOrder } from '../../renderer/src/history/query.ts';
import { emptySelection } from '../../renderer/src/history/selection.ts';
import { makeRun } from './run-fixtures.ts';

describe('RunsTable on a narrow window', () => {
  const props = {
    rows: [makeRun('a'), makeRun('b')],
    total: 2,
    selection: emptySelection(),
    order: { sort: 'created', dir: 'desc' } as const,
    queryKey: '',
  };

  it('is never narrower than its columns minimums, so the rest scrolls sideways instead of clipping', () => {
    expect(GRID_TEMPLATE.split(/\s(?![^(]*\))/).length).toBe(9);
    expect(GRID_MIN_WIDTH).toBe(30 + 130 + 80 + 94 + 80 + 134 + 82 + 150 + 150);
    const w = mount(RunsTable, { props });
    expect(w.find('.runs-table').attributes('style')).toContain(`--runs-min: ${GRID_MIN_WIDTH}px`);
  });

  it('moves the header sideways with the rows', async () => {
    const w = mount(RunsTable, { props, attachTo: document.body });
    const grid = w.find('[role=grid]').element as HTMLElement;
    grid.scrollLeft = 240;
    await w.find('[role=grid]').trigger('scroll');
    expect((w.find('.head').element as HTMLElement).scrollLeft).toBe(240);
    w.unmount();
  });

  it('sorts by every column but the checkbox; columns of words start A to Z', async () => {
    const w = mount(RunsTable, { props });
    const sorts = w.findAll('.head button.sort').map((b) => b.attributes('data-sort'));
    // Final metrics sorts too (by a chosen final metric), since the seeds brief
    expect(sorts).toEqual(['name', 'experiment', 'status', 'tags', 'created', 'duration', 'metric', 'health']);
    await w.find('[data-sort=health]').trigger('click');
    expect(w.emitted('sort')).toEqual([['health']]);
    expect(nextOrder(props.order, 'experiment')).toEqual({ sort: 'experiment', dir: 'asc' });
    expect(nextOrder(props.order, 'health')).toEqual({ sort: 'health', dir: 'desc' });
  });

  it('cuts a long sweep name in the middle: the end, where sweep runs differ, stays whole', () => {
    const long = 'sigmoid mlp depth 10 aux at trunk.2 λ=0.35';
    const w = mount(RunsTable, { props: { ...props, rows: [makeRun('a', { name: long })], total: 1 } });
    const cell = w.find('.run-row .name');
    expect(cell.find('.name-tail').text()).toBe('trunk.2 λ=0.35');
    expect(cell.find('.name-view').element.textContent).toBe(long);
    expect(cell.attributes('title')).toBe(long);
    expect(splitName('relu mlp')).toEqual({ head: 'relu mlp', tail: '' });
  });
});
