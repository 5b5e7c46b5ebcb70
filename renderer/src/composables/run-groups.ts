/**
 * History's seed groups over the paged rows: which groups are open, and the table's view rows
 * (history/seed-groups.ts) that follow the rows and the open set.
 */
import type { RunSummary } from '@core/domain/runs.ts';
import { computed, shallowRef, type Ref } from 'vue';
import { viewRows, type ViewRow } from '../history/seed-groups.ts';

type Rows = Array<RunSummary | undefined>;

export function useRunGroups(rows: Ref<Rows>) {
  /** seed groups the person opened (by key); the rest show as one row */
  const expanded = shallowRef<ReadonlySet<string>>(new Set());
  const viewOf = (r: Rows) => viewRows(r, expanded.value);
  const view = computed<ViewRow[]>(() => viewOf(rows.value));

  /**
   * Open (or close, or flip) group `key`. Returns where the cursor goes: the group row when the
   * cursor was on it or on a member that is now hidden; null to leave it.
   */
  function setExpanded(key: string, open: boolean | undefined, cursorRow: ViewRow | undefined): number | null {
    const next = new Set(expanded.value);
    if (open ?? !next.has(key)) next.add(key);
    else next.delete(key);
    const onGroup = cursorRow?.kind === 'group' && cursorRow.key === key;
    const onMember = cursorRow?.kind === 'run' && cursorRow.member === key;
    expanded.value = next;
    if (!onGroup && !(onMember && !next.has(key))) return null;
    const i = view.value.findIndex((v) => v.kind === 'group' && v.key === key);
    return i < 0 ? null : i;
  }

  return { expanded, view, viewOf, setExpanded };
}
