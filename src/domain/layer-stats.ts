/**
 * The one table of per-layer scalar statistics. The store's columns and INSERT, its epoch and
 * Compare reads, the CSV/JSON series, the contract's enums and the renderer's labels and field
 * lists are all derived from it: adding a statistic is one row here plus a migration adding the
 * column (and the trainer computing it, which the compiler then demands).
 */

export interface LayerStatDef {
  /** the LayerStats property */
  field: string;
  /** its layer_stats column */
  column: string;
  /** its series name in the CSV exports (long: `series`; wide: `layer/<layer>/<series>`) */
  series: string;
  /** how the UI names it */
  label: string;
  /** a shorter name for tight controls (segmented buttons) */
  short: string;
  /** what a value measures when it is not a raw magnitude ('' for plain magnitudes) */
  unit: '' | 'share';
  /** reads better as log10 (spans decades) */
  log: boolean;
  /** null when the probe did not run (or, for saturation, for a linear layer) */
  nullable: boolean;
  /**
   * Bit of layer_stats.nan_mask telling a stored NaN from null; set exactly for nullable rows.
   * Stored data depends on it: a bit, once given, never changes.
   */
  nanBit: number | null;
  /** drawn as a layer × epoch heatmap (Live and Compare); runs.compare reads these by default */
  heatmap: boolean;
  /** offered as a line in Compare's overlay */
  overlay: boolean;
}

/** What a row says when it does not say otherwise. */
const PLAIN = { unit: '', log: false, nullable: false, nanBit: null, heatmap: false, overlay: false } as const;

/**
 * In CSV column order (the canonical order of every derived list). dL/dW statistics are of the
 * kernel over the epoch's last batch; dz and activation statistics are on the probe batch.
 */
export const LAYER_STATS = [
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
  // — added in migration 0003 (after the first twelve so CSV columns keep their places) —
  // ‖dL/dW‖/√params: per-entry scale, comparable across layers of any size
  {
    ...PLAIN,
    field: 'gradRms',
    column: 'grad_rms',
    series: 'grad_rms',
    label: 'RMS of dL/dW (‖dL/dW‖/√params)',
    short: 'rms dL/dW',
    log: true,
    heatmap: true,
    overlay: true,
  },
  // ‖dL/dz‖/√(elements of z on the probe batch): the back-propagated signal per element, size-free
  {
    ...PLAIN,
    field: 'dzRms',
    column: 'dz_rms',
    series: 'dz_rms',
    label: 'RMS of dL/dz (probe batch)',
    short: 'rms dz',
    log: true,
    nullable: true,
    nanBit: 5,
    heatmap: true,
    overlay: true,
  },
  // share of the kernel's dL/dW entries exactly 0 (dead units); null for runs stored before it existed
  {
    ...PLAIN,
    field: 'gradZeroFrac',
    column: 'grad_zero_frac',
    series: 'grad_zero_frac',
    label: 'share dL/dW = 0 (dead)',
    short: 'g = 0',
    unit: 'share',
    nullable: true,
    nanBit: 6,
    overlay: true,
  },
  // quantiles of log10|dL/dW| over the nonzero entries, read from a 0.01-decade histogram; null when all zero
  {
    ...PLAIN,
    field: 'gradLog10P05',
    column: 'grad_log10_p05',
    series: 'grad_log10_p05',
    label: 'log10 |dL/dW| 5th percentile (nonzero)',
    short: 'log10|g| p05',
    nullable: true,
    nanBit: 7,
  },
  {
    ...PLAIN,
    field: 'gradLog10P50',
    column: 'grad_log10_p50',
    series: 'grad_log10_p50',
    label: 'log10 |dL/dW| median (nonzero)',
    short: 'log10|g| p50',
    nullable: true,
    nanBit: 8,
    overlay: true,
  },
  {
    ...PLAIN,
    field: 'gradLog10P95',
    column: 'grad_log10_p95',
    series: 'grad_log10_p95',
    label: 'log10 |dL/dW| 95th percentile (nonzero)',
    short: 'log10|g| p95',
    nullable: true,
    nanBit: 9,
  },
  // ‖W_e − W_(e−1)‖ / ‖W_(e−1)‖: the whole epoch's change; null for runs stored before it existed
  {
    ...PLAIN,
    field: 'updateRatioEpoch',
    column: 'update_ratio_epoch',
    series: 'update_ratio_epoch',
    label: 'epoch update / weight (‖W_e − W_e−1‖/‖W_e−1‖)',
    short: 'epoch update',
    log: true,
    nullable: true,
    nanBit: 10,
    overlay: true,
  },
  // ‖ΔW‖/√params of the last step; null for runs stored before it existed
  {
    ...PLAIN,
    field: 'updateRms',
    column: 'update_rms',
    series: 'update_rms',
    label: 'RMS of the last-step update (‖ΔW‖/√params)',
    short: 'rms ΔW',
    log: true,
    nullable: true,
    nanBit: 11,
  },
] as const satisfies readonly LayerStatDef[];

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
