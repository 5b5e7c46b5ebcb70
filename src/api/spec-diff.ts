/** Config diff for Compare: the dotted spec paths whose values differ between runs. */
import type { ConfigDiff } from './contract.ts';

/** Leaves of a JSON value as dotted path → value (arrays by index; empty arrays/objects are leaves). */
export function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && Object.keys(value).length) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = value;
  return out;
}

/** `ignore` names top-level fields that describe a run rather than configure it. */
export function specDiff(specs: unknown[], ignore: string[] = ['name', 'notes', 'tags']): ConfigDiff[] {
  const flats = specs.map((s) => flatten(s));
  const paths = [...new Set(flats.flatMap((f) => Object.keys(f)))].sort();
  return paths
    .filter((p) => !ignore.includes(p.split('.')[0]))
    .map((path) => ({ path, values: flats.map((f) => f[path]) }))
    .filter((d) => new Set(d.values.map((v) => JSON.stringify(v))).size > 1);
}
