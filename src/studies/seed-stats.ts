/**
 * Quantities over seeds: grouping runs into arms (runs that differ only by seed) and the mean and
 * spread of a per-run value within an arm. Pure.
 */
import type { ArmMeasure, SeedStat } from '../domain/studies.ts';
import type { StoredRun } from './types.ts';

/** Mean, sample std (n − 1; 0 for one value), min and max of finite values, in the order given. */
export function seedStat(values: number[]): SeedStat {
  const v = values.filter(Number.isFinite);
  const n = v.length;
  if (n === 0) return { values: [], mean: Number.NaN, std: Number.NaN, min: Number.NaN, max: Number.NaN };
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const std = n < 2 ? 0 : Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { values: v, mean, std, min: Math.min(...v), max: Math.max(...v) };
}

/** Standard error of a mean over seeds: std / √n (0 with one seed). */
export const standardError = (s: SeedStat) => (s.values.length ? s.std / Math.sqrt(s.values.length) : Number.NaN);

export interface Arm {
  /** label, e.g. `tanh · standard init` */
  name: string;
  /** ordered by seed */
  runs: StoredRun[];
}

/**
 * Runs grouped by `label(run)` (a label per arm), in the order of `order` (labels absent from it
 * last), each arm's runs sorted by seed.
 */
export function groupArms(runs: StoredRun[], label: (r: StoredRun) => string, order: string[] = []): Arm[] {
  const arms = new Map<string, StoredRun[]>();
  for (const r of runs) arms.set(label(r), [...(arms.get(label(r)) ?? []), r]);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return [...arms.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([name, rs]) => ({ name, runs: [...rs].sort((a, b) => a.spec.seed - b.spec.seed) }));
}

/** A per-run value over each arm's seeds, as the contract's ArmMeasure. */
export function measureArms(arms: Arm[], value: (r: StoredRun) => number): ArmMeasure[] {
  return arms.map((a) => ({ arm: a.name, stat: seedStat(a.runs.map(value)), runIds: a.runs.map((r) => r.id) }));
}

/** The arm measure named `arm`, or undefined. */
export const armOf = (measures: ArmMeasure[], arm: string) => measures.find((m) => m.arm === arm);

/** `x` with `digits` decimals, without a minus sign on a value that rounds to zero. */
export const fixed = (x: number, digits: number) => (Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x).toFixed(digits);

/** `0.24 ± 0.01` (mean ± sample std over seeds) with `digits` decimals; `—` when nothing was measured. */
export function formatStat(s: SeedStat | undefined, digits = 2): string {
  if (!s || !Number.isFinite(s.mean)) return '—';
  return `${fixed(s.mean, digits)} ± ${fixed(s.std, digits)}`;
}

/** seeds 1..n: the `seed` sweep axis of every study */
export const seedList = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
