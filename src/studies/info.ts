/**
 * A study as `studies.list` shows it: what each size trains, and how long it is expected to take
 * on this backend — the wall time of the newest finished study run of the same study and size on
 * the backend last used, scaled by run count; null when there is none.
 */
import type { HandlerContext } from '../api/handlers/context.ts';
import { STUDY_SIZES, type StudyInfo, type StudyPlan, type StudySize } from '../domain/studies.ts';
import { expandExperiment } from '../experiment/sweep.ts';
import type { StudyDefinition } from './types.ts';
import { VERDICT_RULE } from './verdict.ts';

/** The backend name of the newest run that started, or null. */
function lastBackend(ctx: HandlerContext): string | null {
  const last = ctx.store.listRuns({ limit: 20 }).items.find((r) => r.startedAt);
  return last ? (ctx.store.getRun(last.id)?.backend?.name ?? null) : null;
}

function estimate(ctx: HandlerContext, study: StudyDefinition, size: StudySize, runs: number, backend: string | null) {
  if (backend === null) return null;
  const past = ctx.store.studyRuns
    .list(study.name)
    .find(
      (r) =>
        r.size === size &&
        r.status === 'done' &&
        r.finishedAt !== null &&
        r.runIds.length > 0 &&
        ctx.store.getRun(r.runIds[0])?.backend?.name === backend,
    );
  if (!past) return null;
  const seconds = (Date.parse(past.finishedAt!) - Date.parse(past.createdAt)) / 1000;
  return Math.round((seconds * runs) / past.runIds.length);
}

function plan(ctx: HandlerContext, study: StudyDefinition, size: StudySize, backend: string | null): StudyPlan {
  const seeds = study.seeds[size];
  const specs = study.experiments(size, seeds).flatMap((e) => expandExperiment(e).runs.map((r) => r.spec));
  return {
    runs: specs.length,
    seeds,
    epochs: Math.max(0, ...specs.map((s) => s.epochs)),
    estimateSeconds: estimate(ctx, study, size, specs.length, backend),
  };
}

export function studyInfo(ctx: HandlerContext, study: StudyDefinition, backend = lastBackend(ctx)): StudyInfo {
  const sizes = Object.fromEntries(STUDY_SIZES.map((s) => [s, plan(ctx, study, s, backend)])) as Record<
    StudySize,
    StudyPlan
  >;
  const experiments = Object.fromEntries(
    STUDY_SIZES.map((s) => [s, study.experiments(s, study.seeds[s]) as unknown as Array<Record<string, unknown>>]),
  ) as StudyInfo['experiments'];
  const { name, version, title, question, expectation, citation } = study;
  return { name, version, title, question, expectation, citation, rule: VERDICT_RULE, sizes, experiments };
}

export function listStudies(ctx: HandlerContext, studies: readonly StudyDefinition[]): StudyInfo[] {
  const backend = lastBackend(ctx);
  return studies.map((s) => studyInfo(ctx, s, backend));
}
