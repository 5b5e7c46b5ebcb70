/**
 * The one table of per-layer scalar statistics. The store's columns and INSERT, its epoch and
 * Compare reads, the CSV/JSON series, the contract's enums and the renderer's labels and field
 * lists are all derived from it: adding a statistic is one row (here, or in a file of rows it
 * joins) plus a migration adding the column (and the trainer computing it, which the compiler
 * then demands).
 */

import { type LayerStatDef, PLAIN } from './layer-stat-def.ts';
import { SCALE_FREE_STATS } from './layer-stats-scale-free.ts';

export type { LayerStatDef } from './layer-stat-def.ts';

/**
 * The rows of schema 1, in CSV column order (the canonical order of every derived list). dL/dW
 * statistics are of the kernel over the epoch's last batch; dz and activation statistics are on
 * the probe batch.
 */
const FIRST_STATS = [
  // ‖dL/dW‖ of the kernel (weights, not biases)
  {
    ...PLAIN,
    field: 'gradL2',
    column: 'grad_l2',
    series: 'grad_l2',
    label: '‖dL/dW‖',
    short: 'dL/dW',
    log: true,
    heatmap: true,
    overlay: true,
  },
  {
    ...PLAIN,
    field: 'gradMeanAbs',
    column: 'grad_mean_abs',
    series: 'grad_mean_abs',
    label: 'mean |dL/dW|',
    short: 'mean |g|',
    log: true,
    overlay: true,
  },
  {
    ...PLAIN,
    field: 'gradStd',
    column: 'grad_std',
    series: 'grad_std',
    label: 'std of dL/dW',
    short: 'std g',
    log: true,
  },
  {
    ...PLAIN,
    field: 'gradMaxAbs',
    column: 'grad_max_abs',
    series: 'grad_max_abs',
    label: 'max |dL/dW|',
    short: 'max |g|',
    log: true,
  },
  // share of the kernel's |dL/dW| below 1e-8 (kept for old runs and CSV continuity)
  {
    ...PLAIN,
    field: 'gradSmallFrac',
    column: 'grad_small_frac',
    series: 'grad_small_frac',
    label: 'share |dL/dW| < 1e-8',
    short: '|g| < 1e-8',
    unit: 'share',
    overlay: true,
  },
  // dL/dz, z = the layer's pre-activation output; null when the probe did not run
  {
    ...PLAIN,
    field: 'dzL2',
    column: 'dz_l2',
    series: 'dz_l2',
    label: '‖dL/dz‖',
    short: 'dL/dz',
    log: true,
    nullable: true,
    nanBit: 0,
    heatmap: true,
    overlay: true,
  },
  {
    ...PLAIN,
    field: 'dzStd',
    column: 'dz_std',
    series: 'dz_std',
    label: 'std of dL/dz',
    short: 'std dz',
    log: true,
    nullable: true,
    nanBit: 1,
  },
  // ‖W‖ of the kernel
  { ...PLAIN, field: 'weightL2', column: 'weight_l2', series: 'weight_l2', label: '‖W‖', short: '‖W‖', overlay: true },
  // ‖ΔW‖ / ‖W‖ of the epoch's last optimizer step
  {
    ...PLAIN,
    field: 'updateRatio',
    column: 'update_ratio',
    series: 'update_ratio',
    label: 'last-step update / weight (‖ΔW‖/‖W‖)',
    short: 'step update',
    log: true,
    heatmap: true,
    overlay: true,
  },
  // activation after the nonlinearity; null when the probe did not run
  {
    ...PLAIN,
    field: 'actMean',
    column: 'act_mean',
    series: 'act_mean',
    label: 'activation mean',
    short: 'act mean',
    nullable: true,
    nanBit: 2,
  },
  {
    ...PLAIN,
    field: 'actStd',
    column: 'act_std',
    series: 'act_std',
    label: 'activation std',
    short: 'act std',
    nullable: true,
    nanBit: 3,
  },
  // share of units saturated: |tanh| > 0.99, sigmoid < 0.01 or > 0.99, ReLU family ≤ 0; null for linear
  {
    ...PLAIN,
    field: 'actSaturation',
    column: 'act_saturation',
    series: 'act_saturation',
    label: 'activation saturation',
    short: 'saturation',
    unit: 'share',
    nullable: true,
    nanBit: 4,
    overlay: true,
  },
] as const satisfies readonly LayerStatDef[];

/** In CSV column order: the statistics of schema 1, then the size-free ones of schema 3. */
export const LAYER_STATS = [...FIRST_STATS, ...SCALE_FREE_STATS] as const;

export type LayerStatRow = (typeof LAYER_STATS)[number];
type Row = LayerStatRow;
export type LayerStatField = Row['field'];

/** The scalar statistics of one layer, typed from the table: nullable rows may be null. */
export type LayerStatValues = { [R in Row as R['field']]: R['nullable'] extends true ? number | null : number };

export const LAYER_STAT_FIELDS: readonly LayerStatField[] = LAYER_STATS.map((s) => s.field);

/** The row of `field`. */
export function layerStat(field: LayerStatField): Row {
  return LAYER_STATS.find((s) => s.field === field)!;
}
