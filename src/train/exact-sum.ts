/**
 * Sums on the backend that stay exact to float32 rounding at any size. A plain `tf.sum` on wasm
 * adds every entry into one float32 accumulator, so its relative error grows with the length
 * (2.7e-4 at 1M entries). Here each float32 partial sum adds only FAN_IN numbers per stage, and
 * the last few hundred partials are read back and added in float64 in JS.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Numbers each float32 partial sum adds in one stage. */
export const FAN_IN = 16;
/** At most this many partials per sum are read back and finished in float64. */
export const MAX_PARTIALS = 256;

/** `x` flattened and zero-padded to a multiple of FAN_IN (no copy when it already is one). */
export function padToFanIn(x: tf.Tensor): tf.Tensor1D {
  const flat = tf.reshape(x, [-1]) as tf.Tensor1D;
  const extra = (FAN_IN - (flat.size % FAN_IN)) % FAN_IN;
  return extra ? tf.pad(flat, [[0, extra]]) : flat;
}

/**
 * Partial sums of `x` (any shape), at most MAX_PARTIALS of them, whose float64 total is Σx.
 * Each stage sums rows of FAN_IN, so every float32 partial holds few additions.
 */
export function partialSums(x: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    let v = tf.reshape(x, [-1]) as tf.Tensor1D;
    while (v.size > MAX_PARTIALS) {
      const padded = padToFanIn(v);
      v = tf.sum(tf.reshape(padded, [padded.size / FAN_IN, FAN_IN]), 1);
    }
    return v;
  });
}

/** Σx as a backend scalar, summed in stages: accurate enough to centre data before a second pass. */
export function stagedSum(x: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.sum(partialSums(x)));
}

/** The float64 total of a read-back run of partials. */
export function finish(v: ArrayLike<number>, from = 0, to = v.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += v[i];
  return s;
}

/**
 * Reads several 1-D tensors in one transfer (one concat, one dataSync) and disposes them; returns
 * each one's values in order. This keeps an epoch's statistics to a few small reads.
 */
export function readAll(parts: tf.Tensor[]): Float32Array[] {
  if (parts.length === 0) return [];
  const packed = tf.tidy(() => tf.concat(parts.map((p) => tf.reshape(p, [-1]))));
  const all = packed.dataSync() as Float32Array;
  tf.dispose([packed, ...parts]);
  const out: Float32Array[] = [];
  let o = 0;
  for (const p of parts) out.push(all.subarray(o, (o += p.size)));
  return out;
}
