/**
 * Closed-form statistics over flat arrays, in float64. The epoch records summarise each tensor's
 * values read back once with `summarize` (layer-records.ts, probe.ts; bins and counts in
 * host-stats.ts); tensor-stats.ts computes the same on the backend and is tested against these.
 * Plus the few scalar helpers the trainer uses directly (vanishingRatio, SMALL_GRAD).
 */
import type { Activation } from '../experiment/spec.ts';
import type { Histogram } from '../domain/records.ts';

/** |g| below this counts as vanished. */
export const SMALL_GRAD = 1e-8;

export interface Summary {
  l2: number;
  meanAbs: number;
  /** population standard deviation of the values */
  std: number;
  maxAbs: number;
  smallFrac: number;
  mean: number;
  min: number;
  max: number;
}

export function summarize(v: ArrayLike<number>): Summary {
  const n = v.length;
  let sum = 0,
    sq = 0,
    abs = 0,
    maxAbs = 0,
    small = 0;
  let min = Infinity,
    max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    const a = Math.abs(x);
    sum += x;
    sq += x * x;
    abs += a;
    if (a > maxAbs) maxAbs = a;
    if (a < SMALL_GRAD) small++;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = n ? sum / n : 0;
  // a second pass about the mean: E[x²] − mean² cancels digits when the mean dwarfs the spread
  let dev = 0;
  for (let i = 0; i < n; i++) dev += (v[i] - mean) ** 2;
  return finishSummary(n, [sum, sq, abs, maxAbs, small, min, max, dev]);
}

/**
 * The Summary of `n` values from summarize's sums, in this order: Σx, Σx², Σ|x|, max |x|, count of
 * |x| < SMALL_GRAD, min, max, Σ(x − mean)². The native tier's loops (native/blas hoststats.c) give
 * the same sums, so both paths finish here, with the same arithmetic.
 */
export function finishSummary(n: number, acc: readonly number[] | Float64Array): Summary {
  const [sum, sq, abs, maxAbs, small, min, max, dev] = acc;
  return {
    l2: Math.sqrt(sq),
    meanAbs: n ? abs / n : 0,
    std: n ? Math.sqrt(dev / n) : 0,
    maxAbs,
    smallFrac: n ? small / n : 0,
    mean: n ? sum / n : 0,
    min: n ? min : 0,
    max: n ? max : 0,
  };
}

/** `bins` equal-width bins over [min, max]; the max lands in the last bin; a constant array fills bin 0. */
export function histogram(v: ArrayLike<number>, bins: number, min: number, max: number): Histogram {
  const counts = new Array<number>(bins).fill(0);
  const width = (max - min) / bins;
  for (let i = 0; i < v.length; i++) {
    const k = width > 0 ? Math.floor((v[i] - min) / width) : 0;
    counts[Math.min(bins - 1, Math.max(0, k))]++;
  }
  return { min, max, counts };
}

export function l2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** ‖after − before‖ / ‖before‖ (0 when the weights are all zero). */
export function updateRatio(before: ArrayLike<number>, after: ArrayLike<number>): number {
  let d = 0,
    w = 0;
  for (let i = 0; i < before.length; i++) {
    const diff = after[i] - before[i];
    d += diff * diff;
    w += before[i] * before[i];
  }
  return w > 0 ? Math.sqrt(d / w) : 0;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Cosine similarity; 0 when either vector is zero. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const na = l2(a),
    nb = l2(b);
  return na > 0 && nb > 0 ? dot(a, b) / (na * nb) : 0;
}

/**
 * Share of saturated units in an activation output: sigmoid < 0.01 or > 0.99, |tanh| > 0.99,
 * ReLU / leaky ReLU / ELU ≤ 0 (dead or in the flat part); null for linear.
 */
export function saturation(a: ArrayLike<number>, act: Activation): number | null {
  let test: (x: number) => boolean;
  if (act === 'sigmoid') test = (x) => x < 0.01 || x > 0.99;
  else if (act === 'tanh') test = (x) => Math.abs(x) > 0.99;
  else if (act === 'linear') return null;
  else test = (x) => x <= 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) if (test(a[i])) k++;
  return a.length ? k / a.length : 0;
}

/** ‖first‖ / ‖last‖ trunk gradient norm; null for a one-layer trunk or a zero last norm. */
export function vanishingRatio(trunkNorms: number[]): number | null {
  if (trunkNorms.length < 2) return null;
  const last = trunkNorms[trunkNorms.length - 1];
  return last > 0 ? trunkNorms[0] / last : null;
}
