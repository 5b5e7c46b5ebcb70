/** The runs table's columns: one grid template shared by the header and every row. */
import type { RunSort } from '@core/domain/run-query.ts';

export interface Column {
  key: string;
  label: string;
  /** server-side sort key, when the column sorts */
  sort?: RunSort;
  title?: string;
}

export const COLUMNS: Column[] = [
  { key: 'select', label: '' },
  { key: 'name', label: 'Name', sort: 'name' },
  { key: 'experiment', label: 'Experiment', sort: 'experiment' },
  { key: 'status', label: 'Status', sort: 'status' },
  { key: 'tags', label: 'Tags', sort: 'tags', title: 'Sorts by the first tag' },
  { key: 'created', label: 'Created', sort: 'created' },
  { key: 'duration', label: 'Duration', sort: 'duration' },
  { key: 'metrics', label: 'Final metrics (val)' },
  {
    key: 'health',
    label: 'Gradient health',
    sort: 'health',
    title:
      'At the last epoch: trunk layers alive (RMS of dL/dz within stats.healthDecades decades of the strongest) ' +
      'and the weakest layer with log10 of its dL/dz RMS over the strongest; — for runs stored before it existed. ' +
      'Sorts by that log10 (lowest: closest to vanishing)',
  },
];

export const GRID_TEMPLATE =
  '30px minmax(130px,2.2fr) minmax(80px,1fr) 94px minmax(80px,1fr) 134px 82px minmax(150px,2fr) minmax(150px,1.4fr)';

/**
 * px: the narrowest the grid can be (each column's fixed or minmax minimum). The table scrolls
 * sideways below it, so a narrow window with the details panel open still reaches every column.
 */
export const GRID_MIN_WIDTH = [...GRID_TEMPLATE.matchAll(/(?:^|\s|minmax\()(\d+)px/g)].reduce((a, m) => a + +m[1], 0);

/** px; fixed so the window math is exact */
export const ROW_HEIGHT = 34;
