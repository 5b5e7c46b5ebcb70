/**
 * Quantiles of log10|g| over the nonzero entries of a tensor and the share of exact zeros, from one
 * bincount on the backend: a fixed grid of 0.01-decade bins over 1e-46 … 1e39, which spans every
 * float32 magnitude. A quantile is the centre of the bin holding its nearest rank, so it is within
 * ±0.005 decades of the exact order statistic — and no absolute threshold (like "below 1e-8")
 * decides what counts as small.
 */
import * as tf from '@tensorflow/tfjs-core';

export const LOG10_MIN = -46;
export const LOG10_STEP = 0.01;
export const LOG10_BINS = 8500;
/**
 * Exact zeros land here: log(0) = −∞ clips to bin 0, and no float32 reaches it (the smallest
 * subnormal, 1.4e-45, is log10 −44.85, bin 115), so the zero count needs no separate pass.
 */
const ZERO_BIN = 0;

/** Counts of log10|x| on the grid (bin 0: exact zeros), as float32 [LOG10_BINS] (exact to 2^24). */
export function log10Counts(t: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const scaled = tf.mul(tf.log(tf.abs(tf.reshape(t, [-1]))), 1 / (Math.LN10 * LOG10_STEP));
    const bin = tf.clipByValue(tf.floor(tf.sub(scaled, LOG10_MIN / LOG10_STEP)), ZERO_BIN, LOG10_BINS - 1);
    return tf.cast(
      tf.bincount(tf.cast(bin, 'int32') as tf.Tensor1D, tf.tensor1d([], 'float32'), LOG10_BINS),
      'float32',
    ) as tf.Tensor1D;
  });
}

export interface GradSpread {
  /** share of entries exactly 0 */
  zeroFrac: number;
  /** log10|g| quantiles of the nonzero entries; null when every entry is 0 */
  p05: number | null;
  p50: number | null;
  p95: number | null;
}

/**
 * Decode read log10Counts of a tensor of `n` entries. The counts are whole numbers, so float64 sums
 * of them are exact; the three nearest ranks grow with q, so one cumulative scan finds them all.
 */
export function fromLog10Counts(c: ArrayLike<number>, n: number): GradSpread {
  const zeros = c[ZERO_BIN];
  let nonzero = 0;
  for (let b = ZERO_BIN + 1; b < LOG10_BINS; b++) nonzero += c[b];
  if (nonzero === 0) return { zeroFrac: n ? zeros / n : 0, p05: null, p50: null, p95: null };
  const ranks = QUANTILES.map((q) => Math.max(1, Math.ceil(q * nonzero)));
  const found: number[] = [];
  let cum = 0;
  for (let b = ZERO_BIN + 1; b < LOG10_BINS && found.length < ranks.length; b++) {
    cum += c[b];
    while (found.length < ranks.length && cum >= ranks[found.length]) found.push(binCentre(b));
  }
  while (found.length < ranks.length) found.push(binCentre(LOG10_BINS - 1));
  const [p05, p50, p95] = found;
  return { zeroFrac: zeros / n, p05, p50, p95 };
}

const QUANTILES = [0.05, 0.5, 0.95] as const;

/** rounded to the grid's 0.005 so float noise in the centre does not show as 1e-15 digits */
const binCentre = (b: number) => Math.round((LOG10_MIN + (b + 0.5) * LOG10_STEP) * 1000) / 1000;
