/**
 * Sweep axes in the Design form: a spec path picked from the sweepable ones and its values typed
 * as a comma list ("0, 0.25, 0.5" → numbers, "relu, sigmoid" → enum values). The Cartesian
 * product of the axes is the experiment's runs.
 */
import { type Spec, SpecError, type SpecIssue } from '@core/experiment/spec.ts';
import { expandExperiment } from '@core/experiment/sweep.ts';
import { FIELDS, type FieldType, isShown } from './fields.ts';
import type { FormState } from './form.ts';
import { TASK_LABELS } from './tasks.ts';

export interface AxisForm {
  path: string;
  /** the values as typed, comma-separated */
  text: string;
}

export interface SweepPath {
  path: string;
  label: string;
  type: Extract<FieldType, 'int' | 'number' | 'enum' | 'bool'>;
  options?: readonly string[];
}

export const MAX_AXIS_VALUES = 1000;

/** The spec fields an axis may sweep, given what the form shows now (tasks by index). */
export function sweepablePaths(state: FormState): SweepPath[] {
  const out: SweepPath[] = [];
  for (const f of FIELDS)
    if (
      (f.type === 'int' || f.type === 'number' || f.type === 'enum' || f.type === 'bool') &&
      f.path !== 'data.kind' &&
      isShown(f, state.values, state.tasks.length)
    )
      out.push({ path: f.path, label: f.label, type: f.type, options: f.options });
  state.tasks.forEach((t, i) => {
    const who = `task ${i + 1} (${TASK_LABELS[t.kind]})`;
    out.push({ path: `tasks.${i}.weight`, label: `Weight of ${who}`, type: 'number' });
    if (t.kind === 'seg')
      out.push({ path: `tasks.${i}.loss`, label: `Loss of ${who}`, type: 'enum', options: ['bce', 'l1'] });
    if (t.aux) {
      out.push({ path: `tasks.${i}.aux.layer`, label: `Aux layer of ${who}`, type: 'int' });
      out.push({ path: `tasks.${i}.aux.weight`, label: `Aux weight of ${who}`, type: 'number' });
    }
  });
  return out;
}

function parseOne(t: string, p: SweepPath): { value?: unknown; error?: string } {
  if (p.type === 'number' || p.type === 'int') {
    const n = Number(t);
    if (!Number.isFinite(n)) return { error: `“${t}” is not a number` };
    if (p.type === 'int' && !Number.isInteger(n)) return { error: `“${t}” is not a whole number` };
    return { value: n };
  }
  if (p.type === 'bool') {
    const b = t.toLowerCase();
    return b === 'true' || b === 'false' ? { value: b === 'true' } : { error: `“${t}” is not true or false` };
  }
  return p.options?.includes(t) ? { value: t } : { error: `“${t}” is not one of ${p.options?.join(', ')}` };
}

/** "0, 0.25, 0.5" → [0, 0.25, 0.5]; the first problem as `error` otherwise. */
export function parseAxisValues(
  text: string,
  p: SweepPath,
): { values: unknown[]; error?: undefined } | { values?: undefined; error: string } {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (!parts.length) return { error: 'give at least one value, comma-separated' };
  if (parts.length > MAX_AXIS_VALUES) return { error: `at most ${MAX_AXIS_VALUES} values` };
  const values: unknown[] = [];
  for (const t of parts) {
    const r = parseOne(t, p);
    if (r.error) return { error: r.error };
    if (values.includes(r.value)) return { error: `“${t}” appears twice` };
    values.push(r.value);
  }
  return { values };
}

export interface ParsedAxes {
  /** dotted path → values, for the experiment's `sweep` */
  sweep: Record<string, unknown[]>;
  /** axis index → its problem */
  errors: Record<number, string>;
  /** runs the valid axes expand to (1 without axes) */
  runs: number;
}

/** Parse every axis against the sweepable paths; a path swept twice or unknown is an error. */
export function parseAxes(axes: readonly AxisForm[], paths: readonly SweepPath[]): ParsedAxes {
  const sweep: Record<string, unknown[]> = {};
  const errors: Record<number, string> = {};
  axes.forEach((a, i) => {
    const p = paths.find((x) => x.path === a.path);
    if (!p) return void (errors[i] = `pick a field to sweep${a.path ? ` (${a.path} is not sweepable now)` : ''}`);
    if (sweep[a.path]) return void (errors[i] = `${p.label} is already swept`);
    const r = parseAxisValues(a.text, p);
    if (r.error !== undefined) errors[i] = r.error;
    else sweep[a.path] = r.values;
  });
  return { sweep, errors, runs: runCount(Object.values(sweep)) };
}

/** Each swept path and its axis values as typed: the form marks those fields. */
export const sweptValues = (axes: readonly AxisForm[]): Record<string, string> =>
  Object.fromEntries(axes.filter((a) => a.path).map((a) => [a.path, a.text.trim()]));

/** Runs of a sweep: the product of the axes' value counts (1 without axes). */
export function runCount(axes: ReadonlyArray<readonly unknown[]>): number {
  return axes.reduce((n, v) => n * v.length, 1);
}

/** Axes for the form from an experiment's `sweep`. */
export function sweepToAxes(sweep: Record<string, unknown[]> | undefined): AxisForm[] {
  return Object.entries(sweep ?? {}).map(([path, values]) => ({
    path,
    text: values.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', '),
  }));
}

/** sweeps up to this many runs are expanded and checked in the form; larger ones by the service */
export const CHECK_POINTS_UP_TO = 64;

/** The schema's issues with any sweep point (e.g. λ = 2), as the service would report them. */
export function checkPoints(base: Spec | null, sweep: Record<string, unknown[]>, runs: number): SpecIssue[] {
  if (!base || !Object.keys(sweep).length || runs > CHECK_POINTS_UP_TO) return [];
  try {
    expandExperiment({ name: 'check', base, sweep });
    return [];
  } catch (err) {
    if (err instanceof SpecError) return err.issues;
    throw err;
  }
}
