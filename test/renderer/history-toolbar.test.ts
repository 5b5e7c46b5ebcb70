// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick, reactive } from 'vue';
import HistoryToolbar from '../../renderer/src/components/history/HistoryToolbar.vue';
import { emptyFilters, type RunFilters } from '../../renderer/src/history/query.ts';

describe('HistoryToolbar filters', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps text typed into search while a cleared tag filter is still being sent', async () => {
    const filters = reactive<RunFilters>({ ...emptyFilters(), tag: 'sweep' });
    const w = mount(HistoryToolbar, {
      props: {
        filters,
        total: 3,
        selected: 0,
        experiments: [],
        fetchExport: async () => ({}) as never,
        // the store applies each filter patch the way runs.setFilters does
        onFilter: (patch: Partial<RunFilters>) => Object.assign(filters, patch),
      },
    });
    await w.find('.tag-filter').setValue('');
    const search = w.find('.text-filter');
    const input = search.element as HTMLInputElement;
    for (const ch of 'sigmoid') {
      await search.setValue(input.value + ch); // a key press appends to what the box shows now
      vi.advanceTimersByTime(50); // the cleared tag is sent 250 ms after clearing, mid-word
      await nextTick();
    }
    vi.advanceTimersByTime(300);
    await nextTick();
    expect((search.element as HTMLInputElement).value).toBe('sigmoid');
    expect(filters).toMatchObject({ tag: '', text: 'sigmoid' });
  });

  it('still shows filters reset from outside (the empty state)', async () => {
    const filters = reactive<RunFilters>({ ...emptyFilters(), text: 'relu', tag: 'a' });
    const w = mount(HistoryToolbar, {
      props: { filters, total: 0, selected: 0, experiments: [], fetchExport: async () => ({}) as never },
    });
    Object.assign(filters, emptyFilters());
    await nextTick();
    expect((w.find('.text-filter').element as HTMLInputElement).value).toBe('');
    expect((w.find('.tag-filter').element as HTMLInputElement).value).toBe('');
  });
});
