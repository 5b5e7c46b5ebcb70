/**
 * Experiments: a base spec and sweep axes over any spec field (dotted path → values). The axes'
 * Cartesian product expands into one validated spec per run, grouped under the experiment's name.
 */
import { z } from 'zod';
import { issuesOf, type Spec, SpecError, type SpecIssue, specSchema } from './spec.ts';

export const experimentSchema = z
  .object({
    name: z.string().min(1).max(200),
    description: z.string().max(10_000).default(''),
    /** the spec every run starts from (defaults fill the rest) */
    base: z.record(z.string(), z.unknown()).default({}),
    /** e.g. { "weighting.lambda": [0, 0.5, 1], "model.activation": ["sigmoid", "relu"] } */
    sweep: z
      .record(
        z.string().regex(/^[A-Za-z]+(\.[A-Za-z0-9]+)*$/, 'must be a dotted spec path such as model.depth'),
        z.array(z.unknown()).min(1).max(1000),
      )
      .default({}),
  })
  .strict();

export type ExperimentInput = z.input<typeof experimentSchema>;

export interface ExpandedRun {
  spec: Spec;
  /** the axis values of this run, e.g. { 'weighting.lambda': 0.5 } */
  point: Record<string, unknown>;
}

export interface Experiment {
  name: string;
  description: string;
  sweep: Record<string, unknown[]>;
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

/** Validate an experiment and expand it; throws SpecError naming every bad field of every run. */
export function expandExperiment(input: unknown): Experiment {
  const parsed = experimentSchema.safeParse(input);
  if (!parsed.success) throw new SpecError(issuesOf(parsed.error));
  const e = parsed.data;
  const axes = Object.entries(e.sweep);
  const count = axes.reduce((n, [, v]) => n * v.length, 1);
  if (count > MAX_SWEEP_RUNS)
    throw new SpecError([{ field: 'sweep', message: `expands to ${count} runs; at most ${MAX_SWEEP_RUNS}` }]);
  const issues: SpecIssue[] = [];
  const runs: ExpandedRun[] = [];
  for (const point of product(axes)) {
    let raw: Record<string, unknown> = e.base;
    for (const [path, v] of Object.entries(point)) raw = setPath(raw, path, v);
    const label = pointLabel(point);
    if (axes.length) raw = setPath(raw, 'name', `${e.name} · ${label}`);
    else if (!raw.name) raw = setPath(raw, 'name', e.name);
    const r = specSchema.safeParse(raw);
    if (r.success) runs.push({ spec: r.data, point });
    else
      issues.push(
        ...issuesOf(r.error).map((i) => ({
          field: i.field,
          message: axes.length ? `${i.message} (sweep point ${label})` : i.message,
        })),
      );
  }
  if (issues.length) throw new SpecError(issues);
  return { name: e.name, description: e.description, sweep: e.sweep, runs };
}

/** A file holds either one spec or an experiment (recognised by its `base` or `sweep` key). */
export function isExperiment(input: unknown): boolean {
  return typeof input === 'object' && input !== null && ('base' in input || 'sweep' in input);
}
