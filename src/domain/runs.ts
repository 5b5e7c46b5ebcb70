/**
 * Runs and experiments as the store hands them out and the renderer shows them. Times are ISO
 * 8601 strings in UTC; durations are milliseconds.
 */
import type { Spec } from '../experiment/spec.ts';
import type { BackendReport } from './backend.ts';
import type { GradientHealth } from './health.ts';
import type { RunStatus } from './run-status.ts';

export interface Experiment {
  id: string;
  name: string;
  createdAt: string;
  /** the sweep definition as given to createExperiment, or null */
  sweep: unknown;
  /** runs currently in this experiment */
  runCount: number;
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
  /** gradient health of the newest epoch; null for runs stored before it existed or with no epoch yet */
  lastHealth: GradientHealth | null;
  finalMetrics: MetricSummary;
  /** why the run failed, diverged or was interrupted */
  error: string | null;
  /** runs with the same key differ only by seed, name, tags and notes (src/domain/seed-group.ts) */
  seedGroup: string;
}

export interface RunDetail extends RunSummary {
  spec: Spec;
  /** null until the run started */
  backend: BackendReport | null;
  notes: string;
}

export interface ListRunsResult {
  /** runs matching the filters, ignoring limit/offset */
  total: number;
  items: RunSummary[];
}
