/**
 * What a study will run at a size and a seed count: the plan `studies.list` states is for the
 * study's own seed count; choosing more or fewer seeds scales the runs (one per arm per seed) and
 * the time estimate in proportion. Pure, for the plan panel and its tests.
 */
import type { StudyInfo, StudyPlan, StudySize } from '@core/domain/studies.ts';

export interface PlanView extends StudyPlan {
  /** the plan's own seed count differs from the one chosen: runs and estimate are scaled */
  scaled: boolean;
}

export function planFor(info: StudyInfo, size: StudySize, seeds: number | null): PlanView {
  const plan = info.sizes[size];
  const n = seeds ?? plan.seeds;
  if (n === plan.seeds || plan.seeds < 1) return { ...plan, scaled: false };
  const f = n / plan.seeds;
  return {
    runs: Math.max(1, Math.round(plan.runs * f)),
    seeds: n,
    epochs: plan.epochs,
    estimateSeconds: plan.estimateSeconds === null ? null : plan.estimateSeconds * f,
    scaled: true,
  };
}

/** "about 1 min 35 s", "about 40 s", "about 2 h 5 min"; "unknown on this backend" with no estimate. */
export function formatEstimate(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'unknown on this backend (no similar run yet)';
  const s = Math.max(1, Math.round(seconds));
  if (s < 60) return `about ${s} s`;
  if (s < 3600) return `about ${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const m = Math.round(s / 60);
  return `about ${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/**
 * The fraction of a study run done, 0..1: its ended runs, plus the share of each run still
 * training (from run.progress), so the bar moves within a long run too.
 */
export function studyFraction(progress: { done: number; total: number }, running: Iterable<number>): number {
  if (progress.total <= 0) return 0;
  let partial = 0;
  for (const f of running) partial += Math.min(1, Math.max(0, f));
  return Math.min(1, (progress.done + partial) / progress.total);
}
