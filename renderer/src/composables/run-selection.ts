/**
 * History's multi-selection over the paged rows: selected ids (they survive reloads and pages
 * not loaded), plus the cursor and the shift-range anchor (row indexes, which a reload remaps to
 * where their runs moved). The rules themselves are the pure functions of history/selection.ts.
 */
import type { RunSummary } from '@core/domain/runs.ts';
import { computed, shallowRef, type Ref } from 'vue';
import {
  clickRow,
  emptySelection,
  moveCursor,
  toggleCursor,
  without,
  type ClickMods,
  type Selection,
} from '../history/selection.ts';

type Rows = Array<RunSummary | undefined>;

export function useRunSelection(rows: Ref<Rows>, total: Ref<number>) {
  const selection = shallowRef<Selection>(emptySelection());
  const idAt = (i: number) => rows.value[i]?.id;
  const selectedIds = computed(() => [...selection.value.selected]);
  const cursorRun = computed(() => (selection.value.cursor === null ? undefined : rows.value[selection.value.cursor]));
  /**
   * The run the details panel shows: the focused row while it is selected, else the last selected
   * run that is loaded — never a row that Ctrl-click just unselected.
   */
  const detailRun = computed(() => {
    const sel = selection.value.selected;
    if (cursorRun.value && sel.has(cursorRun.value.id)) return cursorRun.value;
    const last = [...sel].reverse().find((id) => rows.value.some((r) => r?.id === id));
    return last === undefined ? undefined : rows.value.find((r) => r?.id === last);
  });

  const click = (index: number, mods: ClickMods = {}) =>
    (selection.value = clickRow(selection.value, index, idAt, mods));
  const move = (delta: number, shift = false) =>
    (selection.value = moveCursor(selection.value, delta, total.value, idAt, shift));
  const toggle = () => (selection.value = toggleCursor(selection.value, idAt));
  const clearSelection = () => (selection.value = { ...emptySelection(), cursor: selection.value.cursor });
  const setSelected = (ids: string[]) => (selection.value = { ...selection.value, selected: new Set(ids) });
  /** Unselect runs that are gone. */
  const forget = (ids: string[]) => (selection.value = without(selection.value, ids));
  /** A new query starts at the top: cursor and anchor mean nothing there; the selected ids stay. */
  const dropCursor = () => (selection.value = { ...selection.value, anchor: null, cursor: null });

  /** Before `rows` becomes `next`: keep cursor and anchor on the same runs (new runs arrive at the top). */
  function remap(next: Rows) {
    const keep = { cursor: cursorRun.value?.id, anchor: idAt(selection.value.anchor ?? -1) };
    selection.value = { ...selection.value, cursor: indexOf(next, keep.cursor), anchor: indexOf(next, keep.anchor) };
  }

  return {
    selection,
    selectedIds,
    cursorRun,
    detailRun,
    click,
    move,
    toggle,
    clearSelection,
    setSelected,
    forget,
    dropCursor,
    remap,
  };
}

/** Where a run moved to after a reload; null when it is not in the loaded rows. */
function indexOf(rows: Rows, id: string | undefined): number | null {
  if (id === undefined) return null;
  const i = rows.findIndex((r) => r?.id === id);
  return i < 0 ? null : i;
}
