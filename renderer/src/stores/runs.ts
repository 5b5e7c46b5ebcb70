/**
 * History's runs: a sparse, paged window over runs.list (filters and order applied by the
 * service), the multi-selection, and the edits (rename, tags, notes, delete, export). Epochs are
 * never loaded here. Rows live in a shallowRef array of length `total`; missing pages are holes.
 */
import type { EXPORT_FORMATS, Output } from '@core/api/contract.ts';
import type { RunDetail, RunSummary } from '@core/domain/runs.ts';
import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef } from 'vue';
import { call } from '../api/client.ts';
import { useApi } from '../api/inject.ts';
import { emptyFilters, listInput, type RunFilters, type RunOrder } from '../history/query.ts';
import {
  clickRow,
  emptySelection,
  moveCursor,
  toggleCursor,
  without,
  type ClickMods,
  type Selection,
} from '../history/selection.ts';
import { pagesForRange } from '../history/virtual-window.ts';
import { onServiceEvent } from './events.ts';

/** runs per runs.list request */
export const PAGE_SIZE = 100;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const useRunsStore = defineStore('runs', () => {
  const api = useApi();
  const filters = reactive<RunFilters>(emptyFilters());
  const order = reactive<RunOrder>({ sort: 'created', dir: 'desc' });
  const total = ref(0);
  const rows = shallowRef<Array<RunSummary | undefined>>([]);
  /** true once the first page of the current query has arrived */
  const ready = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const selection = shallowRef<Selection>(emptySelection());
  /** ids waiting for the delete confirmation; null = no dialog */
  const pendingDelete = ref<string[] | null>(null);

  let generation = 0;
  const pages = new Map<number, Promise<void>>();
  let windowRange: [number, number] = [0, PAGE_SIZE];
  /** while a reload is in flight, scrolling only records the window (the reload fills it) */
  let reloading = false;

  const idAt = (i: number) => rows.value[i]?.id;
  const selectedIds = computed(() => [...selection.value.selected]);
  const cursorRun = computed(() => (selection.value.cursor === null ? undefined : rows.value[selection.value.cursor]));

  async function fetchPage(page: number, gen: number) {
    const res = await call(api, 'runs.list', listInput(filters, order, page * PAGE_SIZE, PAGE_SIZE));
    if (gen !== generation) return;
    const next = rows.value.length === res.total ? rows.value.slice() : resized(rows.value, res.total);
    res.items.forEach((r, i) => (next[page * PAGE_SIZE + i] = r));
    total.value = res.total;
    rows.value = next;
    ready.value = true;
  }

  function loadPage(page: number): Promise<void> {
    let p = pages.get(page);
    if (!p) {
      p = fetchPage(page, generation).catch((err: Error) => {
        pages.delete(page);
        error.value = err.message;
      });
      pages.set(page, p);
    }
    return p;
  }

  /** Make sure rows [start, end) are loaded (the table calls this as it scrolls). */
  async function ensureRange(start: number, end: number) {
    windowRange = [start, Math.max(end, start + 1)];
    if (reloading) return;
    await Promise.all(pagesForRange(windowRange[0], windowRange[1], PAGE_SIZE).map(loadPage));
  }

  /**
   * Query again (filters, order, or the data changed): fetch the pages in view, then swap them in
   * at once. `top` starts from the first row (a table that was just mounted is at the top).
   */
  async function reload(o: { top?: boolean } = {}) {
    const gen = ++generation;
    if (o.top) windowRange = [0, PAGE_SIZE];
    pages.clear();
    reloading = true;
    loading.value = true;
    error.value = null;
    let failed = false;
    try {
      const wanted = pagesForRange(windowRange[0], windowRange[1], PAGE_SIZE);
      const results = await Promise.all(
        wanted.map((p) => call(api, 'runs.list', listInput(filters, order, p * PAGE_SIZE, PAGE_SIZE))),
      );
      if (gen !== generation) return;
      const count = results[0]?.total ?? 0;
      const next = new Array<RunSummary | undefined>(count);
      results.forEach((res, k) => res.items.forEach((r, i) => (next[wanted[k] * PAGE_SIZE + i] = r)));
      wanted.forEach((p) => pages.set(p, Promise.resolve()));
      const keep = { cursor: cursorRun.value?.id, anchor: idAt(selection.value.anchor ?? -1) };
      total.value = count;
      rows.value = next;
      ready.value = true;
      selection.value = { ...selection.value, cursor: indexOf(next, keep.cursor), anchor: indexOf(next, keep.anchor) };
    } catch (err) {
      failed = true;
      if (gen === generation) error.value = (err as Error).message;
    } finally {
      if (gen === generation) {
        loading.value = false;
        reloading = false;
      }
    }
    // the table may have scrolled while the reload was in flight
    if (gen === generation && !failed) await ensureRange(windowRange[0], windowRange[1]);
  }

  /** New filters or order: back to the top; the selection (by id) is kept. */
  function requery() {
    selection.value = { ...selection.value, anchor: null, cursor: null };
    return reload({ top: true });
  }
  function setFilters(patch: Partial<RunFilters>) {
    Object.assign(filters, patch);
    return requery();
  }
  function setOrder(o: RunOrder) {
    Object.assign(order, o);
    return requery();
  }

  const click = (index: number, mods: ClickMods = {}) =>
    (selection.value = clickRow(selection.value, index, idAt, mods));
  const move = (delta: number, shift = false) =>
    (selection.value = moveCursor(selection.value, delta, total.value, idAt, shift));
  const toggle = () => (selection.value = toggleCursor(selection.value, idAt));
  const clearSelection = () => (selection.value = { ...emptySelection(), cursor: selection.value.cursor });
  const setSelected = (ids: string[]) => (selection.value = { ...selection.value, selected: new Set(ids) });

  function patchRow(d: RunDetail) {
    const i = rows.value.findIndex((r) => r?.id === d.id);
    if (i < 0) return;
    const next = rows.value.slice();
    next[i] = { ...next[i]!, name: d.name, tags: d.tags };
    rows.value = next;
  }
  async function update(id: string, patch: { name?: string; tags?: string[]; notes?: string }): Promise<RunDetail> {
    const d = await call(api, 'runs.update', { id, ...patch });
    patchRow(d);
    return d;
  }

  /** Step one of deleting: name the runs; nothing is deleted until confirmDelete. */
  function requestDelete(ids: string[] = selectedIds.value) {
    pendingDelete.value = ids.length ? [...ids] : null;
  }
  const cancelDelete = () => (pendingDelete.value = null);
  /** Step two: delete what requestDelete named. Without a pending request it refuses (returns 0). */
  async function confirmDelete(): Promise<number> {
    const ids = pendingDelete.value;
    if (!ids?.length) return 0;
    pendingDelete.value = null;
    const { deleted } = await call(api, 'runs.delete', { ids });
    selection.value = without(selection.value, ids);
    await reload();
    return deleted;
  }

  /** The selection, or — with nothing selected and an experiment filtered — that whole experiment. */
  const exportRuns = (ids: string[], format: ExportFormat) =>
    call(
      api,
      'runs.export',
      !ids.length && filters.experimentId ? { ids: [], experimentId: filters.experimentId, format } : { ids, format },
    );
  /** Experiments for the filter, newest first; refreshed with the list. */
  const experiments = shallowRef<Output<'experiments.list'>>([]);
  const loadExperiments = () =>
    call(api, 'experiments.list', {})
      .then((e) => (experiments.value = e))
      .catch((err: Error) => (error.value = err.message));
  const detail = (id: string) => call(api, 'runs.get', { id });

  // the service says the list changed: refresh what is on screen (coalesced: a sweep sends many)
  let pendingRefresh: ReturnType<typeof setTimeout> | null = null;
  function refreshSoon() {
    if (!ready.value || pendingRefresh) return;
    pendingRefresh = setTimeout(() => ((pendingRefresh = null), void reload(), void loadExperiments()), 150);
  }
  onServiceEvent('runs.changed', refreshSoon);
  onServiceEvent('run.started', refreshSoon);
  onServiceEvent('run.finished', refreshSoon);

  return {
    filters,
    order,
    total,
    rows,
    ready,
    loading,
    error,
    selection,
    selectedIds,
    cursorRun,
    pendingDelete,
    ensureRange,
    reload,
    setFilters,
    setOrder,
    click,
    move,
    toggle,
    clearSelection,
    setSelected,
    update,
    detail,
    requestDelete,
    cancelDelete,
    confirmDelete,
    exportRuns,
    experiments,
    loadExperiments,
  };
});

/** Where a run moved to after a reload (new runs arrive at the top); null when it is not in the loaded rows. */
function indexOf(rows: Array<RunSummary | undefined>, id: string | undefined): number | null {
  if (id === undefined) return null;
  const i = rows.findIndex((r) => r?.id === id);
  return i < 0 ? null : i;
}

function resized<T>(a: T[], n: number): T[] {
  const next = a.slice(0, n);
  next.length = n;
  return next;
}
