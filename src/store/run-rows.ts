/** The SELECT that builds a RunSummary from the runs table (plus tags and experiment name). */
import type { Spec } from '../experiment/spec.ts';
import type { BackendReport } from '../domain/backend.ts';
import type { GradientHealth } from '../domain/health.ts';
import type { RunStatus } from '../domain/run-status.ts';
import { seedGroupKey } from '../domain/seed-group.ts';
import { fromNumericJson, isoOrNull } from './codec.ts';
import type { MetricSummary, RunDetail, RunSummary } from './types.ts';

/** Columns of a RunSummary; `r` = runs, `e` = experiments (LEFT JOIN). */
export const SUMMARY_COLUMNS = `r.id, r.experiment_id, e.name AS experiment_name, r.name, r.status,
  r.created_at, r.started_at, r.finished_at, r.epochs_planned, r.epochs_done,
  r.last_vanishing_ratio, r.last_health_json, r.summary_json, r.error, r.spec_json,
  (SELECT json_group_array(t.tag ORDER BY t.position) FROM run_tags t WHERE t.run_id = r.id) AS tags_json`;

export const RUNS_FROM = 'runs r LEFT JOIN experiments e ON e.id = r.experiment_id';

export interface SummaryRow {
  id: string;
  experiment_id: string | null;
  experiment_name: string | null;
  name: string;
  status: RunStatus;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  epochs_planned: number;
  epochs_done: number;
  last_vanishing_ratio: number | null;
  last_health_json: string | null;
  summary_json: string | null;
  error: string | null;
  tags_json: string;
  /** read for the seed-group key, which is computed here rather than stored (see seed-group.ts) */
  spec_json: string;
}

export interface DetailRow extends SummaryRow {
  notes: string;
  backend_json: string | null;
}

export function toSummary(row: SummaryRow): RunSummary {
  const duration = row.started_at !== null && row.finished_at !== null ? row.finished_at - row.started_at : null;
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    experimentId: row.experiment_id,
    experimentName: row.experiment_name,
    tags: JSON.parse(row.tags_json) as string[],
    createdAt: new Date(row.created_at).toISOString(),
    startedAt: isoOrNull(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
    durationMs: duration,
    epochsPlanned: row.epochs_planned,
    epochsDone: row.epochs_done,
    lastVanishingRatio: row.last_vanishing_ratio,
    lastHealth: row.last_health_json === null ? null : fromNumericJson<GradientHealth>(row.last_health_json),
    finalMetrics: row.summary_json === null ? {} : fromNumericJson<MetricSummary>(row.summary_json),
    error: row.error,
    seedGroup: seedGroupKey(JSON.parse(row.spec_json)),
  };
}

export function toDetail(row: DetailRow): RunDetail {
  return {
    ...toSummary(row),
    spec: JSON.parse(row.spec_json) as Spec,
    backend: row.backend_json === null ? null : decodeBackend(row.backend_json),
    notes: row.notes,
  };
}

/** parityMaxAbsDiff may be NaN/Infinity, stored as a string by toJson */
function decodeBackend(text: string): BackendReport {
  const b = JSON.parse(text) as BackendReport & { parityMaxAbsDiff: number | string | null };
  if (typeof b.parityMaxAbsDiff === 'string') b.parityMaxAbsDiff = Number(b.parityMaxAbsDiff);
  return b as BackendReport;
}
