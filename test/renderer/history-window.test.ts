import { describe, expect, it } from 'vitest';
import { pagesForRange, scrollToShow, visibleRows } from '../../renderer/src/history/virtual-window.ts';

describe('visibleRows', () => {
  const base = { rowHeight: 34, viewportHeight: 680, total: 10_000, overscan: 5 };

  it('at the top renders the first screen plus overscan below only', () => {
    const w = visibleRows({ ...base, scrollTop: 0 });
    // 680 / 34 = 20 rows in view, +1 partial, +5 overscan
    expect(w).toEqual({ start: 0, end: 26, offsetY: 0, totalHeight: 340_000 });
  });

  it('mid-list starts overscan rows above the first visible one and offsets by whole rows', () => {
    const w = visibleRows({ ...base, scrollTop: 5000 * 34 + 10 });
    expect(w.start).toBe(4995);
    expect(w.end).toBe(5026);
    expect(w.offsetY).toBe(4995 * 34);
  });

  it('at the bottom never passes the last row', () => {
    const w = visibleRows({ ...base, scrollTop: 340_000 - 680 });
    expect(w.end).toBe(10_000);
    expect(w.end - w.start).toBeLessThanOrEqual(26);
  });

  it('handles an empty list and a scroll offset past the end', () => {
    expect(visibleRows({ ...base, total: 0, scrollTop: 500 })).toEqual({
      start: 0,
      end: 0,
      offsetY: 0,
      totalHeight: 0,
    });
    const w = visibleRows({ ...base, total: 3, scrollTop: 9999 });
    expect(w.start).toBeLessThanOrEqual(w.end);
    expect(w.end).toBe(3);
  });

  it('renders a bounded number of rows however long the list is', () => {
    for (const total of [100, 10_000, 1_000_000]) {
      const w = visibleRows({ ...base, total, scrollTop: (total / 2) * 34 });
      expect(w.end - w.start).toBeLessThanOrEqual(20 + 1 + 2 * 5);
    }
  });
});

describe('pagesForRange', () => {
  it('names every page that holds a row of [start, end)', () => {
    expect(pagesForRange(0, 26, 100)).toEqual([0]);
    expect(pagesForRange(95, 105, 100)).toEqual([0, 1]);
    expect(pagesForRange(100, 200, 100)).toEqual([1]);
    expect(pagesForRange(4995, 5026, 100)).toEqual([49, 50]);
    expect(pagesForRange(10, 10, 100)).toEqual([]);
  });
});

describe('scrollToShow', () => {
  it('moves only as far as needed to show a row', () => {
    expect(scrollToShow(10, 0, 340, 34)).toBe(34); // row 10 spans 340..374; bottom edge into view
    expect(scrollToShow(2, 340, 340, 34)).toBe(68); // above: its top
    expect(scrollToShow(12, 340, 340, 34)).toBe(340); // already visible
  });
});
