/**
 * The same statistics as stats.ts, computed on the backend (SIMD wasm / native) so an epoch's
 * statistics read back a few hundred numbers per tensor instead of copying every gradient into JS.
 * Functions return 1-D tensors of partial sums (exact-sum.ts); callers batch them into one read
 * (readAll) and decode them in float64 with the matching from… function.
 *
 * Two hazards are handled on the backend before anything is summed:
 * - squares of tiny values underflow float32 (1e-20² = 0): squares are taken of values divided by
 *   max|x| — vanishing gradients of 1e-9…1e-30 are what this product measures;
 * - E[x²] − mean² cancels when the mean is large against the spread: the std is taken of the
 *   data centred on a staged estimate of the mean, with the exact shifted-data correction.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../experiment/spec.ts';
import { finish, padToFanIn, partialSums, stagedSum } from './exact-sum.ts';
import { SMALL_GRAD } from './stats.ts';

/** summaryVector's leading scalars: m = max|x|, min, max, and c, a staged estimate of the mean. */
const HEADER = 4;
/** then these rows of partials: Σ|x|, #(|x| > 1e-8 in float32), Σe, Σe², with e = (x − c)/m */
const ROWS = 4;
/** |x| ≤ this float32 is below SMALL_GRAD (1e-8 itself rounds down to it in float32) */
const SMALL_F32 = Math.fround(SMALL_GRAD);

/** `m` where it is positive, else 1, so a scale of an all-zero tensor divides nothing by zero. */
function safeScale(m: tf.Scalar): tf.Scalar {
  return tf.where(tf.greater(m, 0), m, tf.onesLike(m));
}

/**
 * Everything fromSummary needs about `t`, as one 1-D tensor (length depends on t.size).
 * Squares of e = (x − c)/m that underflow float32 lose nothing that matters: unless every x equals c,
 * the largest |x − c| is at least m/2 or an ulp of m/2, so Σe² ≥ 1e-15 against < 2^24 · 1e-38 lost.
 */
export function summaryVector(t: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const flat = tf.reshape(t, [-1]);
    const [lo, hi] = [tf.min(flat), tf.max(flat)];
    const m = tf.maximum(tf.abs(lo), tf.abs(hi)) as tf.Scalar;
    const c = tf.div(stagedSum(flat), Math.max(1, t.size)) as tf.Scalar;
    // zero padding adds nothing to any row (the count row counts |x| above 1e-8, not below)
    const abs = tf.abs(padToFanIn(flat));
    const sumAbs = tf.tidy(() => partialSums(abs));
    const big = tf.tidy(() => partialSums(tf.step(tf.sub(abs, SMALL_F32))));
    const e = padToFanIn(tf.div(tf.sub(flat, c), safeScale(m)));
    const sumE = tf.tidy(() => partialSums(e));
    const sumE2 = tf.tidy(() => partialSums(tf.square(e)));
    return tf.concat([tf.stack([m, lo, hi, c]), sumAbs, big, sumE, sumE2]) as tf.Tensor1D;
  });
}

/**
 * Decode a read summaryVector of a tensor of `n` entries into the named statistics (float64).
 * With x = c + m·e: Σx² = m²(Σe² + 2(c/m)Σe + n(c/m)²) and var = m²(Σe²/n − (Σe/n)²), both free
 * of the cancellation in E[x²] − mean² because e is centred.
 */
export function fromSummary(v: ArrayLike<number>, n: number) {
  if (!n) return { l2: 0, meanAbs: 0, std: 0, maxAbs: 0, smallFrac: 0, min: 0, max: 0, mean: 0 };
  const p = (v.length - HEADER) / ROWS;
  const row = (r: number) => finish(v, HEADER + r * p, HEADER + (r + 1) * p);
  const [m, min, max, c] = [v[0], v[1], v[2], v[3]];
  const [sumE, sumE2] = [row(2), row(3)];
  const k = m > 0 ? c / m : 0;
  const meanE = sumE / n;
  return {
    l2: m * Math.sqrt(Math.max(0, sumE2 + 2 * k * sumE + n * k * k)),
    meanAbs: row(0) / n,
    std: m * Math.sqrt(Math.max(0, sumE2 / n - meanE * meanE)),
    maxAbs: m,
    smallFrac: (n - row(1)) / n,
    min,
    max,
    mean: c + m * meanE,
  };
}

/** [max|x|, partials of Σ(x/max|x|)²]: the L2 norm without float32 under- or overflow. */
export function normVector(t: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const x = tf.reshape(t, [-1]);
    const m = tf.max(tf.abs(x)) as tf.Scalar;
    return tf.concat([tf.reshape(m, [1]), partialSums(tf.square(tf.div(x, safeScale(m))))]) as tf.Tensor1D;
  });
}

export function fromNorm(v: ArrayLike<number>): number {
  return v[0] * Math.sqrt(finish(v, 1));
}

/**
 * Gram matrix G_ij = ⟨g_i, g_j⟩ of K vectors, each given as the same-shaped list of tensors it
 * concatenates (per-variable gradients; concatenating them would copy them all): [max|g_i| for
 * each i, then partials of ⟨g_i/max|g_i|, g_j/max|g_j|⟩ for i ≤ j, row by row, all rows alike long].
 */
export function gramVector(vectors: tf.Tensor[][]): tf.Tensor1D {
  return tf.tidy(() => {
    const scales = vectors.map((parts) => tf.max(tf.stack(parts.map((g) => tf.max(tf.abs(g))))) as tf.Scalar);
    const units = vectors.map((parts, i) => parts.map((g) => tf.div(g, safeScale(scales[i]))));
    const rows: tf.Tensor[] = [];
    for (let i = 0; i < units.length; i++)
      for (let j = i; j < units.length; j++)
        rows.push(tf.tidy(() => tf.concat(units[i].map((u, v) => partialSums(tf.mul(u, units[j][v]))))));
    return tf.concat([tf.stack(scales), ...rows]) as tf.Tensor1D;
  });
}

export function fromGram(v: ArrayLike<number>, K: number): number[][] {
  const p = (v.length - K) / ((K * (K + 1)) / 2);
  const G = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  let r = 0;
  for (let i = 0; i < K; i++)
    for (let j = i; j < K; j++, r++) {
      G[i][j] = G[j][i] = v[i] * v[j] * finish(v, K + r * p, K + (r + 1) * p);
    }
  return G;
}

/** Counts of `bins` equal-width bins over [min, max] (max in the last bin), as float32 [bins]. */
export function histogramCounts(t: tf.Tensor, min: number, max: number, bins: number): tf.Tensor1D {
  return tf.tidy(() => {
    const x = tf.reshape(t, [-1]);
    const width = (max - min) / bins;
    const k = width > 0 ? tf.clipByValue(tf.floor(tf.div(tf.sub(x, min), width)), 0, bins - 1) : tf.zerosLike(x);
    return tf.cast(
      tf.bincount(tf.cast(k, 'int32') as tf.Tensor1D, tf.tensor1d([], 'float32'), bins),
      'float32',
    ) as tf.Tensor1D;
  });
}

/** Partials of the number of saturated units (see stats.saturation; total with finish()); null for linear. */
export function saturatedCount(a: tf.Tensor, act: Activation): tf.Tensor1D | null {
  if (act === 'linear') return null;
  return tf.tidy(() => {
    let mask: tf.Tensor;
    if (act === 'sigmoid') mask = tf.logicalOr(tf.less(a, 0.01), tf.greater(a, 0.99));
    else if (act === 'tanh') mask = tf.greater(tf.abs(a), 0.99);
    else mask = tf.lessEqual(a, 0);
    return partialSums(tf.cast(mask, 'float32'));
  });
}
