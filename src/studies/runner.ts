/**
 * Starting a study run: the study's experiments for a size and a number of seeds, the `set`
 * overrides on every run, the same validation, preflight and budgets as `runs.start`, then one
 * experiment per study experiment through the scheduler and a stored study run naming them all.
 */
import { planRuns } from '../api/handlers/experiments.ts';
import type { HandlerContext } from '../api/handlers/context.ts';
import type { Input, Output } from '../api/contract.ts';
import type { StudySize } from '../domain/studies.ts';
import { applyStudyOverrides, checkOverrides } from './overrides.ts';
import { findStudy } from './registry.ts';
import type { StudyDefinition, StudyExperiment } from './types.ts';

/** The experiments a study runs at `size` with `seeds` seeds, `set` applied to every run. */
export function studyExperiments(
  study: StudyDefinition,
  size: StudySize,
  seeds: number,
  set: Record<string, unknown> = {},
): StudyExperiment[] {
  return study.experiments(size, seeds).map((e) => applyStudyOverrides(e, set));
}

export function startStudy(ctx: HandlerContext, input: Input<'studies.run'>): Output<'studies.run'> {
  const study = findStudy(input.name);
  const size = input.size ?? 'quick';
  const seeds = input.seeds ?? study.seeds[size];
  const set = input.set ?? {};
  checkOverrides(set);
  // every spec of every experiment validated and preflighted before anything is stored
  const plans = studyExperiments(study, size, seeds, set).map((experiment) => planRuns({ experiment }));
  ctx.preflight(plans.flatMap((p) => p.specs));
  const experimentIds: string[] = [];
  const runIds: string[] = [];
  for (const plan of plans) {
    const experimentId = ctx.store.createExperiment({ name: plan.name ?? study.name, sweep: plan.sweep });
    experimentIds.push(experimentId);
    runIds.push(...ctx.scheduler.enqueue(plan.specs, { experimentId }));
  }
  const studyRunId = ctx.store.studyRuns.create({
    study: study.name,
    version: study.version,
    size,
    seeds,
    overrides: set,
    experimentIds,
    runIds,
  });
  ctx.emit('runs.changed', { reason: 'created' });
  return { studyRunId, runIds, experimentIds };
}
