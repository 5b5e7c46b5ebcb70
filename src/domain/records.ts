/**
 * What the trainer reports and everything else reads. One EpochRecord per epoch is written in one
 * transaction; ProgressEvent is throttled and never stored.
 */
import type { GradientHealth } from './health.ts';
import type { LayerStatValues } from './layer-stats.ts';
import type { Split } from './run-status.ts';

/** One scalar of one loss term (a task head or an auxiliary head) on one split. */
export interface TaskMetric {
  /** loss-term id: the task kind (`cls`, `seg`, `recon`) or an aux head `cls@3` (task @ trunk layer) */
  task: string;
  split: Split;
  /** `loss`, `accuracy`, `iou`, `pixel_acc`, `mse`, `mae` */
  name: string;
  value: number;
}

export interface Histogram {
  min: number;
  max: number;
  /** `bins` equal-width bins over [min, max]; values equal to max land in the last bin */
  counts: number[];
}

/**
 * Statistics of one trainable layer at the end of an epoch: its identity, the scalar statistics
 * of LAYER_STATS (one property per row), and a histogram of dL/dW.
 */
export interface LayerStats extends LayerStatValues {
  /** stable name, e.g. `trunk.1`, `trunk.2`, `head.cls`, `aux.cls@3` */
  layer: string;
  /** 0-based position in the layer list (trunk first, then heads) */
  index: number;
  kind: 'dense' | 'conv' | 'head';
  trunk: boolean;
  /** parameters of the layer's kernel (weights, not biases) */
  params: number;
  histogram: Histogram;
}

/** Per loss term: the norm of its gradient alone on the shared trunk parameters (probe batch). */
export interface TaskGradStats {
  task: string;
  norm: number;
}

export interface TaskCosine {
  a: string;
  b: string;
  cosine: number;
}

export interface EpochRecord {
  /** 1-based */
  epoch: number;
  /** wall time of the epoch (training + evaluation + statistics), milliseconds */
  durationMs: number;
  samplesPerSec: number;
  metrics: TaskMetric[];
  /** task weights in force at the end of the epoch, by loss-term id */
  weights: Record<string, number>;
  layers: LayerStats[];
  taskGrads: TaskGradStats[];
  taskCosines: TaskCosine[];
  /**
   * ‖dL/dW‖ of the first trunk layer over the last one (plain ratio, size-dependent: layers of
   * different sizes differ by √params even when every weight gets the same gradient); null when
   * the trunk has one layer. Kept for old runs; `health` is the headline.
   */
  vanishingRatio: number | null;
  /** the gradient-health summary (src/domain/health.ts) */
  health: GradientHealth;
  /** whether the probe (dz, activation, task gradient) statistics ran this epoch */
  probed: boolean;
  /**
   * True for the epoch a diverged run stopped in: its train metrics cover the finished batches
   * only, it has no val metrics and no probe, and its layer statistics are those of the last
   * batch whose loss was finite (see `divergence`). False for every full epoch.
   */
  partial: boolean;
  /** where a partial epoch's loss became non-finite; null on a full epoch */
  divergence: Divergence | null;
}

/** The batch at which a run diverged, within the partial epoch it stopped in. */
export interface Divergence {
  /** 1-based batch whose loss was non-finite; batch − 1 batches of this epoch finished */
  batch: number;
  /** batches in a full epoch */
  batches: number;
  /** the combined loss of that batch: NaN or ±Infinity */
  loss: number;
}

/** "partial: diverged at batch 7 of epoch 3 (6 of 32 batches finished)", or null for a full epoch. */
export function partialLabel(rec: Pick<EpochRecord, 'epoch' | 'divergence'>): string | null {
  const d = rec.divergence;
  if (!d) return null;
  return `partial: diverged at batch ${d.batch} of epoch ${rec.epoch} (${d.batch - 1} of ${d.batches} batches finished)`;
}

export interface ProgressEvent {
  runId: string;
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  /** running mean of the combined training loss this epoch */
  loss: number;
  /** 0..1 over the whole run */
  fraction: number;
  elapsedMs: number;
  /** estimate of the time left, ms; null until one batch is done */
  etaMs: number | null;
}
