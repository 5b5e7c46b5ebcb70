/**
 * The same statistics as stats.ts, computed on the backend (SIMD wasm / native) so an epoch's
 * statistics read back a few numbers per layer instead of copying every gradient into JS.
 * All functions return tensors; callers batch them into one dataSync.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../experiment/spec.ts';
import { SMALL_GRAD } from './stats.ts';

/** Layout of summaryVector's entries. */
export const SUMMARY = { sumSq: 0, sumAbs: 1, sum: 2, maxAbs: 3, small: 4, min: 5, max: 6, n: 7 } as const;
export const SUMMARY_SIZE = 8;

/** [Σx², Σ|x|, Σx, max|x|, #(|x| < 1e-8), min, max, n] of all entries of `t`. */
export function summaryVector(t: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const x = tf.reshape(t, [-1]);
    const abs = tf.abs(x);
    return tf.stack([
      tf.sum(tf.square(x)),
      tf.sum(abs),
      tf.sum(x),
      tf.max(abs),
      tf.sum(tf.cast(tf.less(abs, SMALL_GRAD), 'float32')),
      tf.min(x),
      tf.max(x),
      tf.scalar(x.size),
    ]) as tf.Tensor1D;
  });
}

/** Turn a read summary vector into the named statistics (float64 from here on). */
export function fromSummary(v: ArrayLike<number>, o = 0) {
  const n = v[o + SUMMARY.n];
  const mean = n ? v[o + SUMMARY.sum] / n : 0;
  return {
    l2: Math.sqrt(v[o + SUMMARY.sumSq]),
    meanAbs: n ? v[o + SUMMARY.sumAbs] / n : 0,
    std: n ? Math.sqrt(Math.max(0, v[o + SUMMARY.sumSq] / n - mean * mean)) : 0,
    maxAbs: v[o + SUMMARY.maxAbs],
    smallFrac: n ? v[o + SUMMARY.small] / n : 0,
    min: v[o + SUMMARY.min],
    max: v[o + SUMMARY.max],
    mean,
  };
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

/** Number of saturated units (see stats.saturation); null for linear. */
export function saturatedCount(a: tf.Tensor, act: Activation): tf.Scalar | null {
  if (act === 'linear') return null;
  return tf.tidy(() => {
    let mask: tf.Tensor;
    if (act === 'sigmoid') mask = tf.logicalOr(tf.less(a, 0.01), tf.greater(a, 0.99));
    else if (act === 'tanh') mask = tf.greater(tf.abs(a), 0.99);
    else mask = tf.lessEqual(a, 0);
    return tf.sum(tf.cast(mask, 'float32')) as tf.Scalar;
  });
}
