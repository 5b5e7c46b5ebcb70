/**
 * Sum over every axis but the last (a bias gradient: dy [N, H, W, C] → [C]) on the native tier.
 *
 * wasm's Sum reduces innermost axes only, so for these axes it first transposes the whole tensor
 * to [C, N·H·W] (the reference CNN's conv1 bias gradient: 1M floats, 4 ms of a step). As a matrix
 * product it is one pass: onesᵀ [1, M] · dy [M, C]. Anything else, or the tier off, runs wasm's Sum.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapF32 } from '../optimizer/flat-state.ts';
import { blasAddon } from './blas.ts';
import { WASM } from './wasm-ops.ts';

const MARK = Symbol.for('gradient-workbench.wasm.leadingAxesSum');

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

function wrap(original: tf.KernelFunc): tf.KernelFunc {
  const f: tf.KernelFunc = (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const { axis, keepDims } = args.attrs as unknown as tf.SumAttrs;
    const blas = blasAddon();
    if (blas === null || x.dtype !== 'float32' || !isLeadingAxes(axis, x.shape.length)) return original(args);
    const backend = args.backend as BackendWasm;
    const c = x.shape[x.shape.length - 1];
    const m = x.shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const outShape = keepDims ? [...x.shape.slice(0, -1).map(() => 1), c] : [c];
    const out = backend.makeOutput(outShape, 'float32');
    if (m * c === 0) return out;
    const heap = heapF32(backend); // after the allocation: the heap may have grown
    const at = (t: tf.TensorInfo, n: number) => heap.subarray(backend.getMemoryOffset(t.dataId) / 4).subarray(0, n);
    blas.sgemm(false, false, 1, c, m, onesOf(m), at(x, m * c), at(out, c));
    return out;
  };
  (f as unknown as Record<symbol, boolean>)[MARK] = true;
  return f;
}

/** Wraps wasm's Sum (idempotent); the original runs whenever the tier is off or the axes differ. */
export function registerLeadingAxesSum(): void {
  const original = tf.getKernel(tf.Sum, WASM);
  if (original === undefined) throw new Error('tfjs-backend-wasm did not register Sum');
  if ((original.kernelFunc as unknown as Record<symbol, boolean>)[MARK]) return;
  tf.unregisterKernel(tf.Sum, WASM);
  tf.registerKernel({ ...original, kernelFunc: wrap(original.kernelFunc) });
}
