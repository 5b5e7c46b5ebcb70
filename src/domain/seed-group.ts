/**
 * Seed groups: runs whose specs differ only by `seed` (and the labels `name`, `tags`, `notes`) are
 * repeats of one configuration, and are grouped, averaged and exported together. Browser-safe.
 *
 * The key is `sg-` + 16 hex digits: the 64-bit FNV-1a hash of the spec's canonical JSON (object keys
 * sorted at every depth, those four top-level fields left out). It is a pure function of the stored
 * spec, so the same run gets the same key in History, Compare and every export, in any process.
 * Specs are compared as stored: a run stored before a new spec field existed lacks its default, and
 * so groups apart from newer runs of otherwise the same configuration.
 */

/** Top-level spec fields that do not change what a run trains. */
export const SEED_GROUP_IGNORED = ['seed', 'name', 'tags', 'notes'] as const;

/** JSON text with object keys sorted at every depth; undefined members dropped as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/** 64-bit FNV-1a of the UTF-8 bytes of `text`, as 16 hex digits. */
export function fnv1a64(text: string): string {
  let h = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) h = ((h ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  return h.toString(16).padStart(16, '0');
}

/** The spec as the group sees it: without seed, name, tags and notes. */
export function seedGroupSpec(spec: unknown): unknown {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return spec;
  const rest: Record<string, unknown> = { ...(spec as Record<string, unknown>) };
  for (const k of SEED_GROUP_IGNORED) delete rest[k];
  return rest;
}

/** The seed-group key of a stored spec, e.g. `sg-5f0e0c8d2b7a9e13`. */
export const seedGroupKey = (spec: unknown): string => `sg-${fnv1a64(canonicalJson(seedGroupSpec(spec)))}`;

/** Mean, spread and range of a seed group's values; `std` is the sample standard deviation (n − 1), 0 for one value. */
export interface MeanStd {
  n: number;
  mean: number;
  std: number;
  min: number;
  max: number;
}

/** Over the finite values only (a diverged run's NaN would erase the group's mean); n = 0 gives NaNs. */
export function meanStd(values: readonly number[]): MeanStd {
  const v = values.filter(Number.isFinite);
  const n = v.length;
  if (!n) return { n, mean: NaN, std: NaN, min: NaN, max: NaN };
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const std = n > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { n, mean, std, min: Math.min(...v), max: Math.max(...v) };
}
