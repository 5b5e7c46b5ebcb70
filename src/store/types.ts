/**
 * What the store takes in beyond the domain vocabulary (src/domain), which it re-exports so its
 * callers have one surface. Times are ISO 8601 strings in UTC; durations are milliseconds.
 */
import type { Spec } from '../experiment/spec.ts';

export type { CompareData, CompareLayerField, CompareOptions, CompareSeries } from '../domain/compare.ts';
export type { ListRunsQuery, RunSort, SortDir } from '../domain/run-query.ts';
export type { Experiment, ListRunsResult, MetricSummary, RunDetail, RunSummary } from '../domain/runs.ts';

export interface CreateExperimentInput {
  name: string;
  sweep?: unknown;
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

export interface EpochRange {
  /** first epoch to return, inclusive, 1-based */
  from?: number;
  /** last epoch to return, inclusive */
  to?: number;
}
