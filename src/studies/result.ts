/**
 * A study run's summary and result, recomputed from its stored runs on every read: progress over
 * the runs that have ended, the study's measures over the completed ones, and the verdict once
 * every run has ended (the study run's final status is stored then).
 */
import { ApiFailure } from '../api/errors.ts';
import type { HandlerContext } from '../api/handlers/context.ts';
import type { RunDetail } from '../domain/runs.ts';
import type { StudyResult, StudyRunStatus, StudyRunSummary } from '../domain/studies.ts';
import { appVersion } from '../runtime/paths.ts';
import type { StudyRunRow } from '../store/index.ts';
import { studyInfo } from './info.ts';
import { findStudy } from './registry.ts';
import type { StoredRun } from './types.ts';
import { overallVerdict } from './verdict.ts';

const ENDED = new Set(['completed', 'cancelled', 'failed', 'diverged', 'interrupted']);

/** What the runs' endings make of the study run: still running, or how it ended. */
function statusOf(runs: RunDetail[], total: number): StudyRunStatus {
  // a deleted run has ended for the study: it can never complete
  const ended = runs.filter((r) => ENDED.has(r.status)).length + (total - runs.length);
  if (ended < total) return 'running';
  if (runs.length === total && runs.every((r) => r.status === 'completed')) return 'done';
  return runs.some((r) => r.status === 'cancelled') ? 'cancelled' : 'failed';
}

function runsOf(ctx: HandlerContext, row: StudyRunRow): RunDetail[] {
  return row.runIds.map((id) => ctx.store.getRun(id)).filter((r): r is RunDetail => r !== null);
}

/** The summary, storing the final status the first time every run is seen ended. */
function summarise(ctx: HandlerContext, row: StudyRunRow, runs: RunDetail[]): StudyRunSummary {
  const total = row.runIds.length;
  const status = row.status === 'running' ? statusOf(runs, total) : row.status;
  let finishedAt = row.finishedAt;
  if (row.status === 'running' && status !== 'running' && !ctx.store.readOnly) {
    // when its last run ended, not when someone first asked: the time list estimates come from
    const ends = runs.map((r) => Date.parse(r.finishedAt ?? '')).filter(Number.isFinite);
    ctx.store.studyRuns.finish(row.id, status, ends.length ? Math.max(...ends) : undefined);
    finishedAt = ctx.store.studyRuns.get(row.id)?.finishedAt ?? null;
  }
  const done = runs.filter((r) => ENDED.has(r.status)).length + (total - runs.length);
  const { study, version, size, seeds, overrides, experimentIds, runIds, createdAt } = row;
  return {
    id: row.id,
    study,
    version,
    size,
    seeds,
    overrides,
    experimentIds,
    runIds,
    status,
    progress: { done, total },
    createdAt,
    finishedAt,
  };
}

export function listStudyRuns(ctx: HandlerContext): StudyRunSummary[] {
  return ctx.store.studyRuns.list().map((row) => summarise(ctx, row, runsOf(ctx, row)));
}

export function getStudyRow(ctx: HandlerContext, id: string): StudyRunRow {
  const row = ctx.store.studyRuns.get(id);
  if (!row) throw new ApiFailure({ code: 'not_found', field: 'id', message: `no study run with id ${id}` });
  return row;
}

export function studyResult(ctx: HandlerContext, id: string): StudyResult {
  const row = getStudyRow(ctx, id);
  const study = findStudy(row.study);
  const runs = runsOf(ctx, row);
  const summary = summarise(ctx, row, runs);
  const stored: StoredRun[] = runs
    .filter((r) => r.status === 'completed')
    .map((r) => ({ id: r.id, spec: r.spec, status: r.status, epochs: ctx.store.getEpochs(r.id) }));
  const measured = study.measure(stored);
  return {
    ...summary,
    info: studyInfo(ctx, study),
    ...measured,
    verdict: summary.status === 'running' ? null : overallVerdict(measured.findings),
    backend: runs.find((r) => r.backend)?.backend ?? null,
    appVersion: appVersion(),
  };
}
