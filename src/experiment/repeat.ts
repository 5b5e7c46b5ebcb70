/**
 * Repeating a spec over seeds: `repeat: n` (1..100) on a spec input or an experiment makes n runs
 * that differ only by seed (and name). Stored specs carry the derived `seed`, never `repeat`.
 *
 * Seed k of a run whose spec says `seed: s` is `(s + k · 0x9E3779B1) mod 2³¹`. k = 0 keeps s, so a
 * repeat of 1 is the spec as written. The step is odd, hence invertible mod 2³¹: the n seeds of one
 * spec are always distinct, and they stay in the spec's seed range [0, 2³¹ − 1]. The step is the
 * 32-bit golden-ratio constant, so neighbouring k land far apart (no seed 42, 43, 44 runs that a
 * weak generator might correlate).
 */
import { z } from 'zod';
import { issuesOf, SpecError } from './issues.ts';
import { parseSpec, type Spec } from './spec.ts';
import { int, plainError } from './strict.ts';

export const MAX_REPEAT = 100;
export const repeatSchema = int(1, MAX_REPEAT);

const SEED_MODULUS = 2 ** 31;
const SEED_STEP = 0x9e3779b1;

/** The seed of repeat `k` (0-based) of a spec whose seed is `base`. */
export function deriveSeed(base: number, k: number): number {
  // k ≤ 99 and the step < 2³², so the product stays far below 2⁵³: exact in a double
  return (base + ((k * SEED_STEP) % SEED_MODULUS)) % SEED_MODULUS;
}

/** The `n` seeds of a spec whose seed is `base`, repeat 0 first. */
export const repeatSeeds = (base: number, n: number): number[] =>
  Array.from({ length: n }, (_, k) => deriveSeed(base, k));

/** `repeat` checked: 1 when absent; throws SpecError naming `repeat` and its rule. */
export function parseRepeat(value: unknown): number {
  if (value === undefined) return 1;
  const r = z.safeParse(repeatSchema, value, { error: plainError });
  if (!r.success) throw new SpecError(issuesOf(r.error).map((i) => ({ ...i, field: 'repeat' })));
  return r.data;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A spec input split into its repeat count and the spec proper (without `repeat`). */
export function takeRepeat(input: unknown): { repeat: number; spec: unknown } {
  if (!isRecord(input) || !('repeat' in input)) return { repeat: 1, spec: input };
  const { repeat, ...spec } = input;
  return { repeat: parseRepeat(repeat), spec };
}

/** `name` with the seed appended, the way sweep points label their runs. */
export const seedName = (name: string, seed: number) =>
  (name ? `${name} · seed=${seed}` : `seed=${seed}`).slice(0, 200);

/** `n` copies of `spec`, one per derived seed; with n > 1 each name says its seed. */
export function repeatSpec(spec: Spec, n: number): Spec[] {
  if (n === 1) return [spec];
  return repeatSeeds(spec.seed, n).map((seed) => ({ ...structuredClone(spec), seed, name: seedName(spec.name, seed) }));
}

/** A spec input, `repeat` included, validated and repeated; throws SpecError. */
export function parseRepeatedSpec(input: unknown): Spec[] {
  if (!isRecord(input) || !('repeat' in input)) return [parseSpec(input)];
  const { repeat, ...rest } = input;
  // both checked before either throws, so one reply names every bad field
  const issues = [repeat, rest].flatMap((v, i) => {
    try {
      return i === 0 ? (parseRepeat(v), []) : (parseSpec(v), []);
    } catch (err) {
      if (err instanceof SpecError) return err.issues;
      throw err;
    }
  });
  if (issues.length) throw new SpecError(issues);
  return repeatSpec(parseSpec(rest), parseRepeat(repeat));
}
