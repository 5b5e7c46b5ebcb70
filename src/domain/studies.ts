/**
 * Studies: a named, versioned experiment that reproduces (or fails to reproduce) a published
 * finding, the quantities it measures over seeds, and its verdict. Browser-safe vocabulary shared
 * by the study runner (src/studies), the contract, the CLI, the HTML report and the Studies view.
 */
import type { BackendReport } from './backend.ts';

export const STUDY_VERDICTS = ['reproduced', 'not reproduced', 'inconclusive'] as const;
export type StudyVerdict = (typeof STUDY_VERDICTS)[number];

export const STUDY_SIZES = ['quick', 'full'] as const;
export type StudySize = (typeof STUDY_SIZES)[number];

export const STUDY_RUN_STATUSES = ['running', 'done', 'failed', 'cancelled'] as const;
export type StudyRunStatus = (typeof STUDY_RUN_STATUSES)[number];

/** What one size of a study trains. */
export interface StudyPlan {
  runs: number;
  seeds: number;
  epochs: number;
  /** seconds this backend is expected to take, from recent runs of similar size; null when unknown */
  estimateSeconds: number | null;
}

/** A built-in study as `studies.list` shows it, before anything runs. */
export interface StudyInfo {
  /** e.g. `glorot-init` */
  name: string;
  /** bumped when the experiment or the verdict rule changes, so old results stay interpretable */
  version: number;
  title: string;
  /** the question in one sentence */
  question: string;
  /** the published expectation, in words, with numbers where the paper gives them */
  expectation: string;
  /** e.g. `Glorot & Bengio (2010), Understanding the difficulty of training deep feedforward neural networks, AISTATS` */
  citation: string;
  /** how the verdict is decided, in words (effect vs spread over seeds) */
  rule: string;
  sizes: Record<StudySize, StudyPlan>;
  /** the experiment (base spec + sweep, and repeat over seeds) each size runs; inputs for `runs.start` */
  experiments: Record<StudySize, Array<Record<string, unknown>>>;
}

/** One quantity over the seeds of one arm (runs that differ only by seed). */
export interface SeedStat {
  /** one value per seed, in seed order */
  values: number[];
  mean: number;
  /** sample standard deviation (n − 1); 0 with one seed */
  std: number;
  min: number;
  max: number;
}

export interface ArmMeasure {
  /** e.g. `tanh · standard init` */
  arm: string;
  stat: SeedStat;
  runIds: string[];
}

export interface StudyQuantity {
  id: string;
  label: string;
  /** e.g. `decades/layer` */
  unit: string;
  arms: ArmMeasure[];
  /** the value theory or the paper predicts for an arm, where it states one */
  expected?: Array<{ arm: string; value: number }>;
}

/** One claim of the study, decided on the quantities. */
export interface StudyFinding {
  id: string;
  /** the claim in words, e.g. `normalised init shrinks dL/dz less than standard init (tanh)` */
  claim: string;
  /** what was measured, in words with numbers, e.g. `0.06 ± 0.01 vs 0.24 ± 0.02 decades/layer` */
  measured: string;
  /** the effect the rule compares (difference of means, in the quantity's unit); null when not measurable */
  effect: number | null;
  /** the seed spread it is compared with (same unit); null when not measurable */
  spread: number | null;
  verdict: StudyVerdict;
}

/** A chart of the evidence, drawn the same in the Studies view and the HTML report. */
export interface StudyChart {
  id: string;
  title: string;
  kind: 'line' | 'heatmap' | 'bar';
  xLabel: string;
  yLabel: string;
  logY?: boolean;
  /** line / bar: x values shared by all series (epochs, layer names, arms) */
  x: Array<number | string>;
  /** line / bar: one per arm; `low`/`high` give the band over seeds (min–max) */
  series: Array<{ name: string; y: Array<number | null>; low?: Array<number | null>; high?: Array<number | null> }>;
  /** heatmap: rows (e.g. arms or layers) × x, one colour scale for the whole chart */
  heatmap?: { rows: string[]; values: Array<Array<number | null>>; min: number; max: number };
}

/** A study run as a list shows it. */
export interface StudyRunSummary {
  id: string;
  study: string;
  version: number;
  size: StudySize;
  seeds: number;
  /** `--set` overrides applied to every run, by dotted spec path */
  overrides: Record<string, unknown>;
  experimentIds: string[];
  runIds: string[];
  status: StudyRunStatus;
  progress: { done: number; total: number };
  createdAt: string;
  finishedAt: string | null;
}

/** Everything the verdict panel and the report show. Quantities/findings/charts fill in as runs finish. */
export interface StudyResult extends StudyRunSummary {
  info: StudyInfo;
  quantities: StudyQuantity[];
  findings: StudyFinding[];
  /** the study's overall verdict; null until every run has ended */
  verdict: StudyVerdict | null;
  charts: StudyChart[];
  /** the backend that trained the runs (of the first run); null before any started */
  backend: BackendReport | null;
  appVersion: string;
}
