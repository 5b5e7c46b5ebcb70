/**
 * Per-layer gains of an arm over a reference arm, paired by seed: runs with the same seed start
 * from the same weights and data, so their difference is the arm's effect without the seed's own
 * variation. A seed the reference lacks is compared with the reference's mean. Pure.
 */
import type { Arm } from './seed-stats.ts';
import type { StoredRun } from './types.ts';

/** `profile(run) − profile(reference run of the same seed)`, element-wise, for each run of `arm`. */
export function pairedGains(arm: Arm, reference: Arm, profile: (r: StoredRun) => number[]): number[][] {
  const refs = new Map(reference.runs.map((r) => [r.spec.seed, profile(r)]));
  const all = [...refs.values()];
  const meanAt = (i: number) => {
    const v = all.map((p) => p[i]).filter(Number.isFinite);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
  };
  return arm.runs.map((r) => {
    const ref = refs.get(r.spec.seed);
    return profile(r).map((v, i) => v - (ref ? ref[i] : meanAt(i)));
  });
}

/** The mean of the finite values, NaN when there are none. */
export function meanOf(values: number[]): number {
  const v = values.filter(Number.isFinite);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
}
