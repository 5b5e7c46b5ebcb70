/**
 * What Compare reads of a run: column-wise series and layer × epoch matrices of the layer
 * statistics it asks for (any row of LAYER_STATS; histograms never).
 */
import { z } from 'zod';
import type { GradientHealth } from './health.ts';
import type { Divergence } from './records.ts';
import { LAYER_STAT_FIELDS, LAYER_STATS, type LayerStatField } from './layer-stats.ts';
import type { Split } from './run-status.ts';

/** Layer statistics Compare can read: every scalar of LayerStats. */
export type CompareLayerField = LayerStatField;
export const COMPARE_LAYER_FIELDS: readonly CompareLayerField[] = LAYER_STAT_FIELDS;
/** What runs.compare reads when not told: the statistics the heatmaps draw. */
export const DEFAULT_COMPARE_LAYER_FIELDS: readonly CompareLayerField[] = LAYER_STATS.filter((s) => s.heatmap).map(
  (s) => s.field,
);

/** Requested statistics; they may repeat or come in any order (the reader dedupes and orders). */
export const compareLayerFieldsSchema = z
  .array(z.enum(LAYER_STAT_FIELDS as [CompareLayerField, ...CompareLayerField[]]))
  .max(64);

/** One named series: one value per column of CompareData.epochs. */
export interface CompareSeries {
  name: string;
  values: Array<number | null>;
}

/**
 * One run as Compare needs it, column-wise and without histograms. Column x of every series and
 * matrix is epoch `epochs[x]`. A value is null where that epoch has none (not probed, no such
 * task, layer or metric); NaN where NaN was stored (a diverged epoch) — the store's convention.
 * JSON (the web door) carries NaN as null, as it does for every other method.
 */
export interface CompareData {
  /** stored epoch numbers, ascending */
  epochs: number[];
  /** whether the probe (dz, activation, task gradient) statistics ran at each epoch */
  probed: boolean[];
  /** per epoch, where a partial (diverged) epoch stopped; null on every full epoch */
  divergence: Array<Divergence | null>;
  /** plain ratio (not log10) per epoch: ‖dL/dW‖ first/last trunk layer (size-dependent) */
  vanishingRatio: Array<number | null>;
  /** the gradient-health summary per epoch; null for epochs stored before it existed */
  health: Array<GradientHealth | null>;
  /** every (task, split, metric name) in first-seen order */
  metrics: Array<{ task: string; split: Split; name: string; values: Array<number | null> }>;
  /** task weight in force at the end of each epoch, one series per loss-term id */
  weights: CompareSeries[];
  /** norm of each task's gradient on the shared trunk, one series per task (probe epochs) */
  taskGrads: CompareSeries[];
  /** cosine between two tasks' trunk gradients, one series per pair (probe epochs) */
  taskCosines: Array<{ a: string; b: string; values: Array<number | null> }>;
  /** trainable layer names ordered by layer index: row y of every matrix is layers[y] */
  layers: string[];
  /** each requested statistic as values[layer row][epoch column], raw (not log10) */
  layerStats: Partial<Record<CompareLayerField, Array<Array<number | null>>>>;
}

export interface CompareOptions {
  /** layer statistics to read (default: DEFAULT_COMPARE_LAYER_FIELDS) */
  layerFields?: readonly CompareLayerField[];
}
