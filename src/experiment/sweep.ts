/**
 * Experiments: a base spec and sweep axes over any spec field (dotted path → values). The axes'
 * Cartesian product expands into one validated spec per run, grouped under the experiment's name.
 * Every axis must name a spec field and every value must suit it, checked before any run exists.
 */
import { z } from 'zod';
import { checkNesting } from './depth.ts';
import { capIssues, issuesOf, SpecError, type SpecIssue } from './issues.ts';
import { MAX_REPEAT, repeatSchema, repeatSeeds, seedName } from './repeat.ts';

// the renderer reaches experiments through this module (and spec.ts), the repeat rule included
export { MAX_REPEAT, parseRepeat } from './repeat.ts';
import { type Spec, specSchema } from './spec.ts';
import { lookupPath } from './spec-paths.ts';
import { plainError, strictObject } from './strict.ts';

export const experimentSchema = strictObject({
  name: z.string().min(1).max(200),
  description: z.string().max(10_000).default(''),
  /** the spec every run starts from (defaults fill the rest) */
  base: z.record(z.string(), z.unknown()).default({}),
  /** e.g. { "weighting.lambda": [0, 0.5, 1], "model.activation": ["sigmoid", "relu"] } */
  sweep: z
    .record(
      z.string().regex(/^[A-Za-z_]+(\.[A-Za-z0-9_]+)*$/, 'must be a dotted spec path such as model.depth'),
      z.array(z.unknown()).min(1).max(1000),
    )
    .default({}),
  /** runs per sweep point, each with its own derived seed (see repeat.ts); 1: the point's seed alone */
  repeat: repeatSchema.default(1),
});

export type ExperimentInput = z.input<typeof experimentSchema>;

export interface ExpandedRun {
  spec: Spec;
  /** the axis values of this run, e.g. { 'weighting.lambda': 0.5 }; with repeat > 1 its derived seed too */
  point: Record<string, unknown>;
}

export interface Experiment {
  name: string;
  description: string;
  sweep: Record<string, unknown[]>;
  /** runs per sweep point */
  repeat: number;
  runs: ExpandedRun[];
}

export const MAX_SWEEP_RUNS = 10_000;

/** A copy of `obj` with the dotted `path` set to `value` (objects created on the way, arrays by index). */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  const root = structuredClone(obj);
  let cur: Record<string, unknown> = root;
  keys.slice(0, -1).forEach((k) => {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = /^\d+$/.test(k) ? [] : {};
    cur = cur[k] as Record<string, unknown>;
  });
  cur[keys[keys.length - 1]] = value;
  return root;
}

function product(axes: Array<[string, unknown[]]>): Array<Record<string, unknown>> {
  return axes.reduce<Array<Record<string, unknown>>>(
    (acc, [path, values]) => acc.flatMap((p) => values.map((v) => ({ ...p, [path]: v }))),
    [{}],
  );
}

export const pointLabel = (point: Record<string, unknown>) =>
  Object.entries(point)
    .map(([k, v]) => `${k.split('.').pop()}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');

/**
 * Each axis names a spec field (else an issue at `sweep.<axis>`), and each of its values is valid
 * for that field on its own (else an issue at the field, naming the sweep point).
 */
export function axisIssues(sweep: Record<string, unknown[]>): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const [path, values] of Object.entries(sweep)) {
    const field = `sweep.${path}`;
    const found = lookupPath(specSchema, path);
    if (!found.ok) {
      issues.push({ field, message: found.message });
      continue;
    }
    for (const v of values) {
      const results = found.schemas.map((s) => z.safeParse(s, v, { error: plainError }));
      if (results.some((r) => r.success)) continue;
      const first = results[0].error ? issuesOf(results[0].error)[0] : undefined;
      // named by the spec field the value lands on, as a failing sweep point would be
      const at = [path, first?.field].filter(Boolean).join('.');
      issues.push({
        field: at,
        message: `${first?.message ?? 'is not valid'} (sweep point ${pointLabel({ [path]: v })})`,
      });
    }
  }
  return issues;
}

/** Validate an experiment and expand it; throws SpecError naming every bad field of every run. */
export function expandExperiment(input: unknown): Experiment {
  const nesting = checkNesting(input);
  if (nesting) throw new SpecError([nesting]);
  const parsed = experimentSchema.safeParse(input, { error: plainError });
  if (!parsed.success) throw new SpecError(issuesOf(parsed.error));
  const e = parsed.data;
  if ('repeat' in e.base)
    throw new SpecError([
      {
        field: 'base.repeat',
        message: 'belongs on the experiment, beside base and sweep: it repeats every sweep point',
      },
    ]);
  const axes = Object.entries(e.sweep);
  const count = axes.reduce((n, [, v]) => n * v.length, 1) * e.repeat;
  if (count > MAX_SWEEP_RUNS)
    throw new SpecError([
      { field: e.repeat > 1 ? 'repeat' : 'sweep', message: `expands to ${count} runs; at most ${MAX_SWEEP_RUNS}` },
    ]);
  const bad = axisIssues(e.sweep);
  if (bad.length) throw new SpecError(capIssues(bad));
  const issues: SpecIssue[] = [];
  const runs: ExpandedRun[] = [];
  for (const point of product(axes)) {
    let raw: Record<string, unknown> = e.base;
    for (const [path, v] of Object.entries(point)) raw = setPath(raw, path, v);
    const label = pointLabel(point);
    if (axes.length) raw = setPath(raw, 'name', `${e.name} · ${label}`.slice(0, 200));
    else if (!raw.name) raw = setPath(raw, 'name', e.name);
    const r = specSchema.safeParse(raw, { error: plainError });
    if (r.success) runs.push(...repeatPoint(r.data, point, e.repeat));
    else
      issues.push(
        ...issuesOf(r.error).map((i) => ({
          field: i.field,
          message: axes.length ? `${i.message} (sweep point ${label})` : i.message,
        })),
      );
  }
  if (issues.length) throw new SpecError(capIssues(issues));
  const clash = seedClash(runs, e.repeat);
  if (clash) throw new SpecError([clash]);
  return { name: e.name, description: e.description, sweep: e.sweep, repeat: e.repeat, runs };
}

/** The `repeat` runs of one sweep point: its spec once per derived seed, each named by its seed. */
function repeatPoint(spec: Spec, point: Record<string, unknown>, repeat: number): ExpandedRun[] {
  if (repeat === 1) return [{ spec, point }];
  return repeatSeeds(spec.seed, repeat).map((seed) => ({
    spec: { ...structuredClone(spec), seed, name: seedName(spec.name, seed) },
    point: { ...point, seed },
  }));
}

/**
 * With a `seed` axis, two points' derived seeds could meet (seed s₂ = seed s₁ + k · step): those two
 * runs would be the same training twice, so the experiment is refused rather than silently repeated.
 */
function seedClash(runs: ExpandedRun[], repeat: number): SpecIssue | null {
  if (repeat === 1) return null;
  const seen = new Map<string, string>();
  for (const { point } of runs) {
    const key = JSON.stringify(Object.entries(point).sort(([a], [b]) => a.localeCompare(b)));
    const other = seen.get(key);
    if (other !== undefined)
      return {
        field: 'repeat',
        message: `derived seed ${String(point.seed)} occurs twice (sweep points ${other} and ${pointLabel(point)}); choose other seeds or a smaller repeat (1..${MAX_REPEAT})`,
      };
    seen.set(key, pointLabel(point));
  }
  return null;
}

/** A file holds either one spec or an experiment (recognised by its `base` or `sweep` key). */
export function isExperiment(input: unknown): boolean {
  return typeof input === 'object' && input !== null && ('base' in input || 'sweep' in input);
}
