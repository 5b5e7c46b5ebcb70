/**
 * One epoch flattened into scalar cells: the shared vocabulary of the long and wide CSV.
 * Null statistics (probe not run, linear layer) produce no cell. Histograms are not
 * flattened; the JSON export carries them.
 */
import { LAYER_STATS, type LayerStatField } from '../domain/layer-stats.ts';
import type { EpochRecord } from '../domain/records.ts';
import type { Split } from '../domain/run-status.ts';

export interface Cell {
  /** `train`/`val` for metrics, '' otherwise */
  split: Split | '';
  /** task id or layer name; '' for run-level series */
  subject: string;
  /** e.g. `loss`, `weight`, `grad_l2`, `vanishing_ratio`, `cosine(cls,seg)` */
  series: string;
  /** the wide CSV's column name, e.g. `val/cls/loss`, `layer/trunk.1/grad_l2` */
  column: string;
  value: number;
}

/** LayerStats field → series name, in CSV column order. */
export const LAYER_SERIES: ReadonlyArray<readonly [LayerStatField, string]> = LAYER_STATS.map((st) => [
  st.field,
  st.series,
]);

const runLevel = (series: string, value: number | null): Cell[] =>
  value === null ? [] : [{ split: '', subject: '', series, column: series, value }];

/**
 * The health summary: run-level numbers, the weakest layer as the subject of its log10, and one
 * `health_dead` cell (value 1) per dead layer so the long form lists them and the wide form flags them.
 */
function healthCells(rec: EpochRecord): Cell[] {
  const h = rec.health;
  const cells = [
    ...runLevel('health_dz_ratio', h.dzRatio),
    ...runLevel('health_w_ratio', h.wRatio),
    ...runLevel('health_alive', h.alive),
    ...runLevel('health_trunk_layers', h.trunkLayers),
    ...runLevel('health_decades', h.decades),
    ...runLevel('health_from', h.healthFrom),
  ];
  if (h.weakestLayer !== null && h.weakestLog10 !== null)
    cells.push({
      split: '',
      subject: h.weakestLayer,
      series: 'health_weakest_log10',
      column: 'health_weakest_log10',
      value: h.weakestLog10,
    });
  for (const layer of h.deadLayers ?? [])
    cells.push({ split: '', subject: layer, series: 'health_dead', column: `health_dead/${layer}`, value: 1 });
  return cells;
}

export function epochCells(rec: EpochRecord): Cell[] {
  const cells: Cell[] = [
    ...runLevel('duration_ms', rec.durationMs),
    ...runLevel('samples_per_sec', rec.samplesPerSec),
    ...runLevel('vanishing_ratio', rec.vanishingRatio),
    ...healthCells(rec),
  ];
  for (const m of rec.metrics)
    cells.push({
      split: m.split,
      subject: m.task,
      series: m.name,
      column: `${m.split}/${m.task}/${m.name}`,
      value: m.value,
    });
  for (const [task, w] of Object.entries(rec.weights))
    cells.push({ split: '', subject: task, series: 'weight', column: `weight/${task}`, value: w });
  for (const l of rec.layers) {
    for (const [field, series] of LAYER_SERIES) {
      const value = l[field];
      if (value !== null)
        cells.push({ split: '', subject: l.layer, series, column: `layer/${l.layer}/${series}`, value });
    }
  }
  for (const g of rec.taskGrads)
    cells.push({
      split: '',
      subject: g.task,
      series: 'task_grad_norm',
      column: `task_grad_norm/${g.task}`,
      value: g.norm,
    });
  for (const c of rec.taskCosines) {
    const series = `cosine(${c.a},${c.b})`;
    cells.push({ split: '', subject: '', series, column: series, value: c.cosine });
  }
  return cells;
}

/** The `partial` cell of an epoch's rows: true for a diverged run's last, cut-short epoch. */
export const partialCell = (rec: Pick<EpochRecord, 'partial'>): string => (rec.partial ? 'true' : 'false');
