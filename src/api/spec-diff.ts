/** Config diff for Compare: the dotted spec paths whose values differ between runs. */
import type { ConfigDiff } from './contract.ts';

/** Leaves of a JSON value as dotted path → value (arrays by index; empty arrays/objects are leaves). */
export function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && Object.keys(value).length) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = value;
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A spec as the trainer reads it: with no task marked primary, task 1 is (src/model/plan.ts). A
 * run made from a file (CLI) stores `primary: false` on every task while Design writes task 1's
 * flag out, so without this the two read as different configurations. Stored specs are unchanged.
 */
export function asTrained(spec: unknown): unknown {
  if (!isObject(spec) || !Array.isArray(spec.tasks) || !isObject(spec.tasks[0])) return spec;
  if (spec.tasks.some((t) => isObject(t) && t.primary === true)) return spec;
  return { ...spec, tasks: spec.tasks.map((t, i) => (i === 0 ? { ...(t as object), primary: true } : t)) };
}

/** `ignore` names top-level fields that describe a run rather than configure it. */
export function specDiff(specs: unknown[], ignore: string[] = ['name', 'notes', 'tags']): ConfigDiff[] {
  const flats = specs.map((s) => flatten(asTrained(s)));
  const paths = [...new Set(flats.flatMap((f) => Object.keys(f)))].sort();
  return paths
    .filter((p) => !ignore.includes(p.split('.')[0]))
    .map((path) => ({ path, values: flats.map((f) => f[path]) }))
    .filter((d) => new Set(d.values.map((v) => JSON.stringify(v))).size > 1);
}
