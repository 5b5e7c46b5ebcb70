/**
 * What the store hands out and takes in. Times are ISO 8601 strings in UTC; durations are
 * milliseconds.
 */
import type { Spec } from '../experiment/spec.ts';
import type { BackendReport, LayerStats, RunStatus, Split } from '../train/records.ts';

export interface Experiment {
  id: string;
  name: string;
  createdAt: string;
  /** the sweep definition as given to createExperiment, or null */
  sweep: unknown;
  /** runs currently in this experiment */
  runCount: number;
}

export interface CreateExperimentInput {
  name: string;
  sweep?: unknown;
}

/** Final metrics of a run: task id → metric name → value, from the newest epoch's `val` split. */
export type MetricSummary = Record<string, Record<string, number>>;

/** One row of the runs list; built from the runs table alone (no epoch data). */
export interface RunSummary {
  id: string;
  name: string;
  status: RunStatus;
  experimentId: string | null;
  experimentName: string | null;
  tags: string[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** finishedAt − startedAt in milliseconds; null until both are known */
  durationMs: number | null;
  epochsPlanned: number;
  /** highest epoch number stored */
  epochsDone: number;
  /** vanishing ratio of the newest epoch (plain ratio, not log10); null if unknown or NaN */
  lastVanishingRatio: number | null;
  finalMetrics: MetricSummary;
  /** why the run failed, diverged or was interrupted */
  error: string | null;
}

export interface RunDetail extends RunSummary {
  spec: Spec;
  /** null until the run started */
  backend: BackendReport | null;
  notes: string;
}

export interface CreateRunInput {
  spec: Spec;
  name: string;
  tags: string[];
  notes: string;
  experimentId?: string | null;
}

export interface UpdateRunInput {
  name?: string;
  tags?: string[];
  notes?: string;
}

export type RunSort = 'created' | 'name' | 'status' | 'duration';
export type SortDir = 'asc' | 'desc';

export interface ListRunsQuery {
  status?: RunStatus;
  tag?: string;
  /** substring of the run name, notes or experiment name (case-insensitive for ASCII) */
  text?: string;
  experimentId?: string;
  /** 1..1000, default 50 */
  limit?: number;
  /** default 0 */
  offset?: number;
  /** default 'created' */
  sort?: RunSort;
  /** default 'desc' */
  dir?: SortDir;
}

export interface ListRunsResult {
  /** runs matching the filters, ignoring limit/offset */
  total: number;
  items: RunSummary[];
}

export interface EpochRange {
  /** first epoch to return, inclusive, 1-based */
  from?: number;
  /** last epoch to return, inclusive */
  to?: number;
}

/** Layer statistics Compare can read (every scalar of LayerStats; histograms never). */
export type CompareLayerField = Extract<
  keyof LayerStats,
  | 'gradL2'
  | 'gradMeanAbs'
  | 'gradStd'
  | 'gradMaxAbs'
  | 'gradSmallFrac'
  | 'dzL2'
  | 'dzStd'
  | 'weightL2'
  | 'updateRatio'
  | 'actMean'
  | 'actStd'
  | 'actSaturation'
>;

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
  /** plain ratio (not log10) per epoch */
  vanishingRatio: Array<number | null>;
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
  /** layer statistics to read (default: gradL2, dzL2, updateRatio) */
  layerFields?: readonly CompareLayerField[];
}
