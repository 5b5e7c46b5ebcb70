/**
 * The size-free rows of the layer-statistics table, added by migration 0003. They come after the
 * first twelve so the CSV columns of older exports keep their places. dL/dW rows are of the
 * kernel's gradient on the epoch's last batch; dzRms is on the probe batch.
 */
import { type LayerStatDef, PLAIN } from './layer-stat-def.ts';

export const SCALE_FREE_STATS = [
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
