/**
 * Multi-selection of the runs table, by run id (rows are paged and re-sorted, ids are stable);
 * `anchor` and `cursor` are row indexes in the current order. Pure: every step returns a new state.
 */

export interface Selection {
  selected: ReadonlySet<string>;
  /** where a shift-range starts */
  anchor: number | null;
  /** the focused row (keyboard) */
  cursor: number | null;
}

export interface ClickMods {
  /** shift: select the range from the anchor */
  shift?: boolean;
  /** ctrl / cmd: toggle one row, or add a range to the selection */
  toggle?: boolean;
}

/**
 * The id at a row index, or undefined while that row's page is not loaded; a seed-group row stands
 * for all its runs, so it gives their ids (selecting it selects them all).
 */
export type IdAt = (index: number) => string | readonly string[] | undefined;

const idsAt = (idAt: IdAt, index: number): readonly string[] => {
  const v = idAt(index);
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
};

export const emptySelection = (): Selection => ({ selected: new Set(), anchor: null, cursor: null });

function range(a: number, b: number, idAt: IdAt): string[] {
  const ids: string[] = [];
  for (let i = Math.min(a, b); i <= Math.max(a, b); i++) ids.push(...idsAt(idAt, i));
  return ids;
}

/** Click on row `index`: plain = only this row; toggle = flip it; shift = range from the anchor. */
export function clickRow(s: Selection, index: number, idAt: IdAt, mods: ClickMods = {}): Selection {
  const ids = idsAt(idAt, index);
  if (!ids.length) return s;
  if (mods.shift && s.anchor !== null) {
    const base = mods.toggle ? [...s.selected] : [];
    return { selected: new Set([...base, ...range(s.anchor, index, idAt)]), anchor: s.anchor, cursor: index };
  }
  if (mods.toggle) return { ...toggle(s.selected, ids), anchor: index, cursor: index };
  return { selected: new Set(ids), anchor: index, cursor: index };
}

/** Flip `ids` together: all selected → none of them, else all of them (a seed group's partial selection fills up). */
function toggle(selected: ReadonlySet<string>, ids: readonly string[]): { selected: Set<string> } {
  const next = new Set(selected);
  const all = ids.every((id) => next.has(id));
  for (const id of ids) {
    if (all) next.delete(id);
    else next.add(id);
  }
  return { selected: next };
}

/** Arrow keys: move the cursor by `delta` (clamped); with shift, select anchor..cursor. */
export function moveCursor(s: Selection, delta: number, total: number, idAt: IdAt, shift = false): Selection {
  if (total === 0) return s;
  const from = s.cursor ?? (delta > 0 ? -1 : total);
  const cursor = Math.min(total - 1, Math.max(0, from + delta));
  if (!shift) return { ...s, cursor };
  const anchor = s.anchor ?? from;
  const a = Math.min(total - 1, Math.max(0, anchor));
  return { selected: new Set(range(a, cursor, idAt)), anchor: a, cursor };
}

/** Space: flip the cursor row and make it the anchor. */
export function toggleCursor(s: Selection, idAt: IdAt): Selection {
  if (s.cursor === null) return s;
  const ids = idsAt(idAt, s.cursor);
  if (!ids.length) return s;
  return { ...toggle(s.selected, ids), anchor: s.cursor, cursor: s.cursor };
}

/** Drop ids that no longer exist (after a delete). */
export function without(s: Selection, gone: Iterable<string>): Selection {
  const next = new Set(s.selected);
  for (const id of gone) next.delete(id);
  return { ...s, selected: next };
}
