/**
 * Sum over every axis but the last (a bias gradient: dy [N, H, W, C] → [C]) on the native tier.
 *
 * wasm's Sum reduces innermost axes only, so for these axes it first transposes the whole tensor
 * to [C, N·H·W] (the reference CNN's conv1 bias gradient: 1M floats, 4 ms of a step). As a matrix
 * product it is one pass: onesᵀ [1, M] · dy [M, C]. Anything else (null here) runs wasm's Sum.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapViews, type NativeKernel } from './blas-kernels.ts';

/** Whether `axis` (possibly negative) names exactly axes 0..rank−2 of a rank ≥ 2 tensor. */
export function isLeadingAxes(axis: number | number[], rank: number): boolean {
  if (rank < 2) return false;
  const axes = [...new Set((Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a)))].sort(
    (a, b) => a - b,
  );
  return axes.length === rank - 1 && axes.every((a, i) => a === i);
}

let ones = new Float32Array(0);

function onesOf(n: number): Float32Array {
  if (ones.length < n) ones = new Float32Array(n).fill(1);
  return ones.subarray(0, n);
}

/** The native path of Sum (wasm-kernels.ts puts it in front of wasm's Sum with withBlas). */
export const leadingAxesSum: NativeKernel = (addon, { inputs, attrs, backend }) => {
  const x = inputs.x as tf.TensorInfo;
  const { axis, keepDims } = attrs as unknown as tf.SumAttrs;
  if (x.dtype !== 'float32' || !isLeadingAxes(axis, x.shape.length)) return null;
  const wasm = backend as BackendWasm;
  const c = x.shape[x.shape.length - 1];
  const m = x.shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const out = wasm.makeOutput(keepDims ? [...x.shape.slice(0, -1).map(() => 1), c] : [c], 'float32');
  if (m * c === 0) return out;
  const [X, OUT] = heapViews(wasm, [x, out]);
  addon.sgemm(false, false, 1, c, m, onesOf(m), X, OUT);
  return out;
};
