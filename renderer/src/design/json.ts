/**
 * Spec JSON in and out of the Design form. Pasted text is parsed and validated in full before
 * anything changes: a spec (→ the form) or an experiment (→ the form from `base`, plus axes).
 */
import { issuesOf, plainError, type Spec, specSchema } from '@core/experiment/spec.ts';
import { experimentSchema, isExperiment } from '@core/experiment/sweep.ts';

export type Pasted =
  | { kind: 'spec'; spec: Spec }
  | { kind: 'experiment'; name: string; description: string; base: Spec; sweep: Record<string, unknown[]> }
  | { kind: 'error'; message: string };

const describe = (issues: Array<{ field: string; message: string }>, prefix = '') =>
  issues.map((i) => `${[prefix, i.field].filter(Boolean).join('.') || '(spec)'}: ${i.message}`).join('\n');

/** Parse pasted JSON: a spec or an experiment, fully validated; `error` otherwise. */
export function parsePasted(text: string): Pasted {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { kind: 'error', message: `not valid JSON: ${(err as Error).message}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { kind: 'error', message: 'expected a JSON object (a spec or an experiment)' };
  if (isExperiment(raw)) {
    const e = experimentSchema.safeParse(raw, { error: plainError });
    if (!e.success) return { kind: 'error', message: describe(issuesOf(e.error)) };
    const base = specSchema.safeParse(e.data.base, { error: plainError });
    if (!base.success) return { kind: 'error', message: describe(issuesOf(base.error), 'base') };
    return {
      kind: 'experiment',
      name: e.data.name,
      description: e.data.description,
      base: base.data,
      sweep: e.data.sweep,
    };
  }
  const r = specSchema.safeParse(raw, { error: plainError });
  return r.success ? { kind: 'spec', spec: r.data } : { kind: 'error', message: describe(issuesOf(r.error)) };
}

/**
 * A spec as Copy JSON writes it: without the fields that do not apply to a task's kind (the
 * schema fills `loss` on every task; only seg reads it). Parsing it back gives the same spec.
 */
export function specForJson<T>(spec: T): T {
  const s = spec as { tasks?: unknown };
  if (!Array.isArray(s.tasks)) return spec;
  const tasks = s.tasks.map((t: Record<string, unknown>) => {
    if (t?.kind === 'seg' || !('loss' in t)) return t;
    const { loss: _unused, ...rest } = t;
    return rest;
  });
  return { ...spec, tasks };
}

/** What "copy as JSON" gives: the spec, or the experiment when there are sweep axes. */
export function toJsonText(o: {
  spec: unknown;
  name: string;
  description: string;
  sweep: Record<string, unknown[]>;
}): string {
  const spec = specForJson(o.spec);
  if (!Object.keys(o.sweep).length) return JSON.stringify(spec, null, 2);
  return JSON.stringify({ name: o.name || 'sweep', description: o.description, base: spec, sweep: o.sweep }, null, 2);
}
