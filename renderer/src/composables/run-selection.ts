/**
 * History's multi-selection over the table's rows: selected ids (they survive reloads and pages
 * not loaded), plus the cursor and the shift-range anchor (indexes of the table's view rows, which
 * a reload remaps to where their runs moved). A seed-group row stands for all its runs. The rules
 * themselves are the pure functions of history/selection.ts.
 */
import type { RunSummary } from '@core/domain/runs.ts';
import { computed, shallowRef, type Ref } from 'vue';
import { idsOfView, viewKey, type ViewRow } from '../history/seed-groups.ts';
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

/**
 * `rows` in the service's order; `view` the table's rows over them; `viewOf` what the view of other
 * rows would be (a reload remaps the cursor through it).
 */
export function useRunSelection(
  rows: Ref<Rows>,
  view: Ref<readonly ViewRow[]>,
  viewOf: (rows: Rows) => readonly ViewRow[],
) {
  const selection = shallowRef<Selection>(emptySelection());
  const total = computed(() => view.value.length);
  const idAt = (i: number) => idsOfView(view.value[i]);
  const selectedIds = computed(() => [...selection.value.selected]);
  const cursorRow = computed(() => (selection.value.cursor === null ? undefined : view.value[selection.value.cursor]));
  /** the focused run; undefined on a group row */
  const cursorRun = computed(() => (cursorRow.value?.kind === 'run' ? cursorRow.value.run : undefined));
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
  /** Put the cursor on view row `i` (null: leave it where it is). */
  const setCursor = (i: number | null) => {
    if (i !== null) selection.value = { ...selection.value, cursor: i };
  };
  const setSelected = (ids: string[]) => (selection.value = { ...selection.value, selected: new Set(ids) });
  /** Unselect runs that are gone. */
  const forget = (ids: string[]) => (selection.value = without(selection.value, ids));
  /** A new query starts at the top: cursor and anchor mean nothing there; the selected ids stay. */
  const dropCursor = () => (selection.value = { ...selection.value, anchor: null, cursor: null });

  /** Before `rows` becomes `next`: keep cursor and anchor on the same rows (new runs arrive at the top). */
  function remap(next: Rows) {
    const keyAt = (i: number | null) => (i === null ? undefined : viewKey(view.value[i]));
    const keep = { cursor: keyAt(selection.value.cursor), anchor: keyAt(selection.value.anchor) };
    const nextView = viewOf(next);
    selection.value = {
      ...selection.value,
      cursor: indexOf(nextView, keep.cursor),
      anchor: indexOf(nextView, keep.anchor),
    };
  }

  return {
    selection,
    selectedIds,
    cursorRow,
    cursorRun,
    detailRun,
    click,
    move,
    toggle,
    clearSelection,
    setSelected,
    setCursor,
    forget,
    dropCursor,
    remap,
  };
}

/** Where a row moved to after a reload; null when it is not in the loaded rows. */
function indexOf(view: readonly ViewRow[], key: string | undefined): number | null {
  if (key === undefined) return null;
  const i = view.findIndex((v) => viewKey(v) === key);
  return i < 0 ? null : i;
}
