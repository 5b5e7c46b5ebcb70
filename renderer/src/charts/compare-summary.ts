/**
 * Compare's summary as sortable columns: every cell carries the text shown and the key it sorts
 * by (numbers as numbers, so 10 sorts after 9), built on summaryTable's rows plus a gradient
 * column (the run's last ‖dL/dW‖ first/last ratio, as History shows it). Pure.
 */
import type { RunDetail } from '@core/domain/runs.ts';
import { DASH } from '../history/format.ts';
import { HEALTH_COLUMNS, summaryTable } from './compare-tables.ts';

export type SortKey = number | string | null;
export interface SummaryColumn {
  key: string;
  label: string;
  /** what the column means (the header's title) */
  title?: string;
  numeric: boolean;
  /** one cell per run, in the runs' order */
  cells: string[];
  sortKeys: SortKey[];
}

const log10Text = (v: number | null) => (v === null ? DASH : v.toFixed(2).replace('-', '−'));
const finite = (v: number | null | undefined) => (v !== null && v !== undefined && Number.isFinite(v) ? v : null);

/** What each health column sorts by: the number behind its text. */
const HEALTH_KEYS: Record<string, (h: NonNullable<RunDetail['lastHealth']>) => SortKey> = {
  alive: (h) => h.alive,
  weakest: (h) => finite(h.weakestLog10),
  'log10 dz first/last': (h) => finite(h.dzRatio),
  'dead layers': (h) => h.deadLayers?.length ?? null,
};

type Row = ReturnType<typeof summaryTable>['rows'][number];
/** Plain columns: [key, header, the cell's text, its sort key, numeric]. */
const PLAIN: Array<[string, (r: Row) => string, (r: RunDetail) => SortKey, boolean]> = [
  ['status', (r) => r.status, (r) => r.status, false],
  ['epochs', (r) => r.epochs, (r) => r.epochsDone, true],
  ['duration', (r) => r.duration, (r) => finite(r.durationMs), true],
  ['backend', (r) => r.backend, (r) => r.backend?.name ?? null, false],
];
const GRADIENT_TITLE =
  'log10 of ‖dL/dW‖ of the first over the last trunk layer at the last epoch (size-dependent; < 0: vanishing)';

export function summaryColumns(runs: RunDetail[], labels: string[]): SummaryColumn[] {
  const t = summaryTable(runs);
  const gradient = runs.map((r) => {
    const v = finite(r.lastVanishingRatio);
    return v !== null && v > 0 ? Math.log10(v) : null;
  });
  return [
    { key: 'run', label: 'run', numeric: false, cells: labels, sortKeys: labels },
    ...PLAIN.map(([key, text, sortKey, numeric]) => ({
      key,
      label: key,
      numeric,
      cells: t.rows.map(text),
      sortKeys: runs.map(sortKey),
    })),
    {
      key: 'gradient',
      label: 'log10 ‖dW‖ first/last',
      title: GRADIENT_TITLE,
      numeric: true,
      cells: gradient.map(log10Text),
      sortKeys: gradient,
    },
    ...HEALTH_COLUMNS.map((c, k) => ({
      key: `health:${c.label}`,
      label: c.label,
      title: c.title,
      numeric: true,
      cells: t.rows.map((r) => r.health[k]),
      sortKeys: runs.map((r) => (r.lastHealth ? HEALTH_KEYS[c.label](r.lastHealth) : null)),
    })),
    ...t.metricColumns.map((c, k) => ({
      key: `metric:${c.task}:${c.name}`,
      label: c.label,
      numeric: true,
      cells: t.rows.map((r) => r.metrics[k]),
      sortKeys: runs.map((r) => finite(r.finalMetrics[c.task]?.[c.name])),
    })),
  ];
}

/**
 * Row order for a column: indexes into the runs, ascending or descending by the column's keys;
 * runs without a value go last either way, ties keep the runs' order.
 */
export function sortedRows(column: SummaryColumn | undefined, dir: 'asc' | 'desc', n: number): number[] {
  const rows = Array.from({ length: n }, (_, i) => i);
  if (!column) return rows;
  const sign = dir === 'asc' ? 1 : -1;
  return rows.sort((a, b) => {
    const x = column.sortKeys[a];
    const y = column.sortKeys[b];
    if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c === 0 ? a - b : sign * c;
  });
}
