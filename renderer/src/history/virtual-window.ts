/**
 * Virtual-window math for the runs table: which rows to render for a scroll offset, and which
 * pages of runs.list cover them. Pure (no DOM): rows have one fixed height in CSS pixels.
 */

export interface WindowInput {
  /** scrollTop of the viewport, px */
  scrollTop: number;
  /** visible height of the viewport, px */
  viewportHeight: number;
  /** fixed row height, px */
  rowHeight: number;
  /** rows in the whole list */
  total: number;
  /** extra rows rendered above and below, so a fast scroll shows no gap */
  overscan?: number;
}

export interface RowWindow {
  /** first rendered row, inclusive */
  start: number;
  /** last rendered row, exclusive */
  end: number;
  /** translateY of the first rendered row, px */
  offsetY: number;
  /** height of the spacer that gives the scrollbar its full length, px */
  totalHeight: number;
}

export function visibleRows(w: WindowInput): RowWindow {
  const overscan = w.overscan ?? 6;
  const total = Math.max(0, w.total);
  const first = Math.floor(Math.max(0, w.scrollTop) / w.rowHeight);
  const count = Math.ceil(Math.max(0, w.viewportHeight) / w.rowHeight) + 1;
  const start = Math.min(total, Math.max(0, first - overscan));
  const end = Math.min(total, first + count + overscan);
  return { start, end, offsetY: start * w.rowHeight, totalHeight: total * w.rowHeight };
}

/** Page numbers (0-based, `pageSize` rows each) that hold rows [start, end). */
export function pagesForRange(start: number, end: number, pageSize: number): number[] {
  if (end <= start) return [];
  const pages: number[] = [];
  for (let p = Math.floor(start / pageSize); p <= Math.floor((end - 1) / pageSize); p++) pages.push(p);
  return pages;
}

/** The scrollTop that brings row `index` into view, moving as little as possible. */
export function scrollToShow(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  const bottom = top + rowHeight;
  if (bottom > scrollTop + viewportHeight) return bottom - viewportHeight;
  return scrollTop;
}
