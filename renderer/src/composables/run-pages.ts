/**
 * History's paging: a sparse window over runs.list (filters and order applied by the service).
 * Rows live in a shallowRef array of length `total`; pages not loaded yet are holes. A reload
 * fetches the pages in view and swaps them in at once, so the table never shows a half-new list.
 */
import type { ApiClient } from '@core/api/contract.ts';
import type { RunSummary } from '@core/domain/runs.ts';
import { reactive, ref, shallowRef } from 'vue';
import { call } from '../api/client.ts';
import { emptyFilters, listInput, type RunFilters, type RunOrder } from '../history/query.ts';
import { pagesForRange } from '../history/virtual-window.ts';

/** runs per runs.list request */
export const PAGE_SIZE = 100;

export interface RunPagesHooks {
  /** a reload is about to swap in `next`: `rows` still holds the old list */
  beforeSwap?: (next: Array<RunSummary | undefined>) => void;
  /** new filters or order: the list starts again from the top */
  onRequery?: () => void;
}

export function useRunPages(api: ApiClient, hooks: RunPagesHooks = {}) {
  const filters = reactive<RunFilters>(emptyFilters());
  const order = reactive<RunOrder>({ sort: 'created', dir: 'desc' });
  const total = ref(0);
  const rows = shallowRef<Array<RunSummary | undefined>>([]);
  /** true once the first page of the current query has arrived */
  const ready = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);

  let generation = 0;
  const pages = new Map<number, Promise<void>>();
  let windowRange: [number, number] = [0, PAGE_SIZE];
  /** while a reload is in flight, scrolling only records the window (the reload fills it) */
  let reloading = false;

  const fetchList = (page: number) => call(api, 'runs.list', listInput(filters, order, page * PAGE_SIZE, PAGE_SIZE));

  async function fetchPage(page: number, gen: number) {
    const res = await fetchList(page);
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

  /** Fetch the pages in view and swap them in together; false when the query moved on meanwhile. */
  async function swapInView(gen: number): Promise<boolean> {
    const wanted = pagesForRange(windowRange[0], windowRange[1], PAGE_SIZE);
    const results = await Promise.all(wanted.map(fetchList));
    if (gen !== generation) return false;
    const count = results[0]?.total ?? 0;
    const next = new Array<RunSummary | undefined>(count);
    results.forEach((res, k) => res.items.forEach((r, i) => (next[wanted[k] * PAGE_SIZE + i] = r)));
    wanted.forEach((p) => pages.set(p, Promise.resolve()));
    hooks.beforeSwap?.(next);
    total.value = count;
    rows.value = next;
    ready.value = true;
    return true;
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
    let swapped = false;
    try {
      swapped = await swapInView(gen);
    } catch (err) {
      if (gen === generation) error.value = (err as Error).message;
    } finally {
      if (gen === generation) {
        loading.value = false;
        reloading = false;
      }
    }
    // the table may have scrolled while the reload was in flight
    if (swapped && gen === generation) await ensureRange(windowRange[0], windowRange[1]);
  }

  /** New filters or order: back to the top. */
  function requery() {
    hooks.onRequery?.();
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

  return { filters, order, total, rows, ready, loading, error, ensureRange, reload, setFilters, setOrder };
}

function resized<T>(a: T[], n: number): T[] {
  const next = a.slice(0, n);
  next.length = n;
  return next;
}
