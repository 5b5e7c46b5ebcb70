/**
 * The runs table's keyboard: arrows, pages, Home/End move the cursor (Shift extends the
 * selection), Space toggles, Enter opens a run or a seed group, → and ← open and close a group
 * (← on a member closes its group), F2 renames, Delete deletes, Esc clears, Ctrl/Cmd+A selects
 * every run rather than the page's text.
 */
import type { ViewRow } from '../history/seed-groups.ts';

/** the table's emit, for the events named here (move, toggle, open, expand, remove, clear, selectAll) */
type Emit = (event: string, ...args: unknown[]) => void;

export interface TableKeyDeps {
  emit: Emit;
  total: () => number;
  /** rows in one screen */
  page: () => number;
  cursor: () => number | null;
  cursorRow: () => ViewRow | undefined;
  edit: (i: number | null) => void;
}

export function tableKeys(d: TableKeyDeps): (e: KeyboardEvent) => void {
  const { emit } = d;
  const keys: Record<string, (e: KeyboardEvent) => void> = {
    ArrowDown: (e) => emit('move', 1, e.shiftKey),
    ArrowUp: (e) => emit('move', -1, e.shiftKey),
    PageDown: (e) => emit('move', d.page(), e.shiftKey),
    PageUp: (e) => emit('move', -d.page(), e.shiftKey),
    Home: (e) => emit('move', -d.total(), e.shiftKey),
    End: (e) => emit('move', d.total(), e.shiftKey),
    ' ': () => emit('toggle'),
    Enter: () => {
      const row = d.cursorRow();
      if (row?.kind === 'group') emit('expand', row.key);
      else if (row?.run) emit('open', row.run.id);
    },
    ArrowRight: () => {
      const row = d.cursorRow();
      if (row?.kind === 'group' && !row.expanded) emit('expand', row.key, true);
    },
    ArrowLeft: () => {
      const row = d.cursorRow();
      if (row?.kind === 'group' && row.expanded) emit('expand', row.key, false);
      else if (row?.kind === 'run' && row.member) emit('expand', row.member, false);
    },
    F2: () => d.edit(d.cursor()),
    Delete: () => emit('remove'),
    Escape: () => emit('clear'),
  };
  return (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') return (e.preventDefault(), emit('selectAll'));
    const h = keys[e.key];
    if (!h || e.altKey) return;
    e.preventDefault();
    h(e);
  };
}
