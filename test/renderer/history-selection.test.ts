import { describe, expect, it } from 'vitest';
import {
  clickRow,
  emptySelection,
  moveCursor,
  toggleCursor,
  without,
  type Selection,
} from '../../renderer/src/history/selection.ts';

const ids = Array.from({ length: 10 }, (_, i) => `r${i}`);
const idAt = (i: number) => ids[i];
const sel = (s: Selection) => [...s.selected].sort();

describe('clickRow', () => {
  it('a plain click selects only that row and sets anchor and cursor', () => {
    let s = clickRow(emptySelection(), 2, idAt);
    s = clickRow(s, 5, idAt);
    expect(sel(s)).toEqual(['r5']);
    expect(s.anchor).toBe(5);
    expect(s.cursor).toBe(5);
  });

  it('shift-click selects the range from the anchor, either direction, replacing the rest', () => {
    let s = clickRow(emptySelection(), 3, idAt);
    s = clickRow(s, 6, idAt, { shift: true });
    expect(sel(s)).toEqual(['r3', 'r4', 'r5', 'r6']);
    s = clickRow(s, 1, idAt, { shift: true });
    expect(sel(s)).toEqual(['r1', 'r2', 'r3']);
    expect(s.anchor).toBe(3);
    expect(s.cursor).toBe(1);
  });

  it('ctrl/cmd toggles one row and moves the anchor; ctrl+shift adds a range', () => {
    let s = clickRow(emptySelection(), 0, idAt);
    s = clickRow(s, 4, idAt, { toggle: true });
    expect(sel(s)).toEqual(['r0', 'r4']);
    s = clickRow(s, 0, idAt, { toggle: true });
    expect(sel(s)).toEqual(['r4']);
    s = clickRow(s, 7, idAt, { toggle: true });
    s = clickRow(s, 9, idAt, { toggle: true, shift: true });
    expect(sel(s)).toEqual(['r4', 'r7', 'r8', 'r9']);
  });

  it('shift-click without an anchor acts as a plain click', () => {
    expect(sel(clickRow(emptySelection(), 4, idAt, { shift: true }))).toEqual(['r4']);
  });

  it('skips rows whose page is not loaded yet', () => {
    const sparse = (i: number) => (i === 2 ? undefined : ids[i]);
    const s = clickRow(clickRow(emptySelection(), 0, sparse), 3, sparse, { shift: true });
    expect(sel(s)).toEqual(['r0', 'r1', 'r3']);
    expect(clickRow(s, 2, sparse)).toBe(s);
  });
});

describe('keyboard', () => {
  it('arrows move the cursor, clamped, without touching the selection', () => {
    let s = clickRow(emptySelection(), 1, idAt);
    s = moveCursor(s, 1, 10, idAt);
    s = moveCursor(s, 1, 10, idAt);
    expect(s.cursor).toBe(3);
    expect(sel(s)).toEqual(['r1']);
    expect(moveCursor(s, 100, 10, idAt).cursor).toBe(9);
    expect(moveCursor(s, -100, 10, idAt).cursor).toBe(0);
  });

  it('the first arrow press lands on the first (down) or last (up) row', () => {
    expect(moveCursor(emptySelection(), 1, 10, idAt).cursor).toBe(0);
    expect(moveCursor(emptySelection(), -1, 10, idAt).cursor).toBe(9);
  });

  it('shift+arrows select from the anchor to the cursor', () => {
    let s = clickRow(emptySelection(), 4, idAt);
    s = moveCursor(s, 1, 10, idAt, true);
    s = moveCursor(s, 1, 10, idAt, true);
    expect(sel(s)).toEqual(['r4', 'r5', 'r6']);
    s = moveCursor(s, -3, 10, idAt, true);
    expect(sel(s)).toEqual(['r3', 'r4']);
  });

  it('space toggles the cursor row and anchors there', () => {
    let s = moveCursor(emptySelection(), 1, 10, idAt);
    s = moveCursor(s, 2, 10, idAt);
    s = toggleCursor(s, idAt);
    expect(sel(s)).toEqual(['r2']);
    expect(s.anchor).toBe(2);
    s = toggleCursor(s, idAt);
    expect(sel(s)).toEqual([]);
    expect(toggleCursor(emptySelection(), idAt)).toEqual(emptySelection());
  });
});

it('without drops deleted ids and keeps the rest', () => {
  const s = clickRow(clickRow(emptySelection(), 0, idAt), 3, idAt, { shift: true });
  expect(sel(without(s, ['r1', 'r2']))).toEqual(['r0', 'r3']);
});
