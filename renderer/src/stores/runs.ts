/**
 * History's runs: the paged window over runs.list (composables/run-pages.ts), the
 * multi-selection (composables/run-selection.ts), and the edits (rename, tags, notes, delete with
 * confirmation, export). Epochs are never loaded here.
 */
import type { ApiClient, EXPORT_FORMATS, Output } from '@core/api/contract.ts';
import type { RunDetail } from '@core/domain/runs.ts';
import { defineStore } from 'pinia';
import { onScopeDispose, shallowRef } from 'vue';
import { call } from '../api/client.ts';
import { useApi } from '../api/inject.ts';
import { useRunDelete } from '../composables/run-delete.ts';
import { useRunPages } from '../composables/run-pages.ts';
import { useRunSelection } from '../composables/run-selection.ts';
import { listInput, type RunFilters, type RunOrder } from '../history/query.ts';
import { rowRange } from '../history/seed-groups.ts';
import { useRunGroups } from '../composables/run-groups.ts';
import { onServiceEvent } from './events.ts';

/** runs.list's largest page */
const SELECT_ALL_PAGE = 1000;

export { PAGE_SIZE } from '../composables/run-pages.ts';
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const useRunsStore = defineStore('runs', () => {
  const api = useApi();
  const list = useRunPages(api, { beforeSwap: (next) => sel.remap(next), onRequery: () => sel.dropCursor() });
  const groups = useRunGroups(list.rows);
  const sel = useRunSelection(list.rows, groups.view, groups.viewOf);
  const { rows, filters, error } = list;
  const deletion = useRunDelete(api, { selectedIds: sel.selectedIds, forget: sel.forget, reload: () => list.reload() });

  async function update(id: string, patch: { name?: string; tags?: string[]; notes?: string }): Promise<RunDetail> {
    const d = await call(api, 'runs.update', { id, ...patch });
    const i = rows.value.findIndex((r) => r?.id === d.id);
    if (i >= 0) {
      const next = rows.value.slice(); // slice keeps the holes of pages not loaded
      next[i] = { ...next[i]!, name: d.name, tags: d.tags };
      rows.value = next;
    }
    return d;
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

  /** Ctrl+A: every run the filters match, loaded or not. */
  const selectAll = async () => sel.setSelected(await matchingIds(api, filters, list.order, list.total.value));

  /** Open (or close, or flip) seed group `key`; the cursor follows to its row when it was on it or in it. */
  const setExpanded = (key: string, open?: boolean) =>
    sel.setCursor(groups.setExpanded(key, open, sel.cursorRow.value));
  /** The table scrolled to view rows [start, end): load the rows behind them. */
  const ensureView = (start: number, end: number) => list.ensureRange(...rowRange(groups.view.value, start, end));

  // the service says the list changed: refresh what is on screen (coalesced: a sweep sends many)
  let pendingRefresh: ReturnType<typeof setTimeout> | undefined;
  function refreshSoon() {
    if (!list.ready.value || pendingRefresh) return;
    pendingRefresh = setTimeout(() => ((pendingRefresh = undefined), void list.reload(), void loadExperiments()), 150);
  }
  for (const event of ['runs.changed', 'run.started', 'run.finished'] as const) onServiceEvent(api, event, refreshSoon);
  onScopeDispose(() => clearTimeout(pendingRefresh));

  const { remap: _remap, forget: _forget, dropCursor: _dropCursor, ...selection } = sel;
  return {
    ...list,
    ...selection,
    ...deletion,
    view: groups.view,
    expanded: groups.expanded,
    setExpanded,
    ensureView,
    update,
    detail,
    selectAll,
    exportRuns,
    experiments,
    loadExperiments,
  };
});

/** The ids of every run `filters` match, loaded or not (ids only, 1000 a request). */
async function matchingIds(api: ApiClient, filters: RunFilters, order: RunOrder, total: number): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; offset === 0 || offset < total; offset += SELECT_ALL_PAGE) {
    const res = await call(api, 'runs.list', listInput(filters, order, offset, SELECT_ALL_PAGE));
    ids.push(...res.items.map((r) => r.id));
    if (res.items.length < SELECT_ALL_PAGE) break;
  }
  return ids;
}
