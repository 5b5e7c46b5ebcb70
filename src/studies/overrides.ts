/**
 * `set` overrides of a study run (the CLI's --set): every path must name a spec field, and each is
 * set on every run of the study — on the experiment's base, and in place of a sweep axis it names.
 */
import { ApiFailure } from '../api/errors.ts';
import type { SpecIssue } from '../experiment/issues.ts';
import { specSchema } from '../experiment/spec.ts';
import { lookupPath } from '../experiment/spec-paths.ts';
import { setPath } from '../experiment/sweep.ts';
import type { StudyExperiment } from './types.ts';

const DOTTED = /^[A-Za-z]+(\.[A-Za-z0-9]+)*$/;

/** Every problem with the override paths, each at `set.<path>`; empty when all name a spec field. */
export function overrideIssues(set: Record<string, unknown>): SpecIssue[] {
  return Object.keys(set).flatMap((path): SpecIssue[] => {
    const field = `set.${path}`;
    if (!DOTTED.test(path)) return [{ field, message: 'must be a dotted spec path such as model.depth' }];
    // the seeds are the study's own axis: --seeds says how many
    if (path === 'seed') return [{ field, message: 'the seeds are the study’s own axis; give seeds instead' }];
    const found = lookupPath(specSchema, path);
    return found.ok ? [] : [{ field, message: found.message }];
  });
}

/** Throws invalid_argument naming every bad path. */
export function checkOverrides(set: Record<string, unknown>): void {
  const issues = overrideIssues(set);
  if (issues.length)
    throw new ApiFailure({
      code: 'invalid_argument',
      field: issues[0].field,
      issues,
      message: issues.map((i) => `${i.field}: ${i.message}`).join('; '),
    });
}

/** A sweep axis is replaced when the override names it or a field that holds it. */
const covers = (path: string, axis: string) => axis === path || axis.startsWith(`${path}.`);

/** An override of a field inside an axis's values (`tasks.0.aux.layer` on a `tasks` axis) sets it in each value. */
function insideAxis(axis: string, values: unknown[], path: string, value: unknown): unknown[] {
  const rest = path.slice(axis.length + 1);
  return values.map((v) => setPath({ v }, `v.${rest}`, value).v);
}

/** The experiment with every override set on its base and on (or in place of) the sweep axes it names. */
export function applyStudyOverrides(e: StudyExperiment, set: Record<string, unknown>): StudyExperiment {
  const entries = Object.entries(set);
  if (!entries.length) return e;
  const base = entries.reduce((b, [path, value]) => setPath(b, path, value), e.base);
  const sweep: Record<string, unknown[]> = {};
  for (const [axis, values] of Object.entries(e.sweep)) {
    if (entries.some(([p]) => covers(p, axis))) continue;
    sweep[axis] = entries
      .filter(([p]) => p.startsWith(`${axis}.`))
      .reduce((vs, [p, value]) => insideAxis(axis, vs, p, value), values);
  }
  return { ...e, base, sweep };
}
