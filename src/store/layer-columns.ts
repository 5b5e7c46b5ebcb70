/**
 * layer_stats as LAYER_STATS describes it: the INSERT, the values of one layer in its column
 * order, and reading one statistic back (NULL means NaN for non-nullable statistics; for nullable
 * ones, null unless the row's nan_mask carries the statistic's bit).
 */
import { LAYER_STATS, type LayerStatRow } from '../domain/layer-stats.ts';
import type { LayerStats } from '../domain/records.ts';
import { encodeCounts, readNullable, readNumber } from './codec.ts';

const LEAD = ['run_id', 'epoch', 'layer_index', 'layer', 'kind', 'trunk', 'params'];
const TAIL = ['hist_min', 'hist_max', 'hist_counts', 'nan_mask'];
const COLUMNS = [...LEAD, ...LAYER_STATS.map((s) => s.column), ...TAIL];

export const INSERT_LAYER = `INSERT INTO layer_stats (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;

/** The bound values of one layer after run_id and epoch, in INSERT_LAYER's column order. */
export function layerValues(l: LayerStats): unknown[] {
  return [
    l.index,
    l.layer,
    l.kind,
    l.trunk ? 1 : 0,
    l.params,
    ...LAYER_STATS.map((s) => l[s.field]),
    l.histogram.min,
    l.histogram.max,
    encodeCounts(l.histogram.counts),
    layerNanMask(l),
  ];
}

/** layer_stats.nan_mask: bit `nanBit` set where a nullable statistic is NaN (stored as NULL, like null). */
export function layerNanMask(l: Readonly<Record<LayerStatRow['field'], number | null>>): number {
  let mask = 0;
  for (const s of LAYER_STATS) {
    const v = l[s.field];
    if (s.nanBit !== null && v !== null && Number.isNaN(v)) mask |= 1 << s.nanBit;
  }
  return mask;
}

/** One statistic as read from its column. */
export function readLayerStat(s: LayerStatRow, value: number | null, nanMask: number): number | null {
  return s.nanBit === null ? readNumber(value) : readNullable(value, nanMask, s.nanBit);
}
