/**
 * Shared helpers for the backend tests: run the same computation on `cpu` (the reference) and
 * on `wasm`, on identical seeded inputs, and compare.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '../../../src/util/rng.ts';
import { configureWasm } from '../../../src/train/backend/wasm.ts';

/** Seeded uniform values in [-1, 1) for a tensor of `shape`. */
export function seededValues(shape: number[], seed: number): Float32Array {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
}

/** Runs `fn` on cpu, then on wasm (with the training kernels); leaves wasm active. */
export async function onCpuAndWasm(fn: () => Float32Array): Promise<{ cpu: Float32Array; wasm: Float32Array }> {
  configureWasm();
  await tf.setBackend('cpu');
  const cpu = fn();
  await tf.setBackend('wasm');
  const wasm = fn();
  return { cpu, wasm };
}

/** max |a − b| / max |b| (b = reference); Infinity on a length mismatch. */
export function relativeDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / Math.max(scale, 1e-12);
}

/**
 * tfjs-core's Node build registers no gradient functions (the @tensorflow/tfjs umbrella does).
 * When none is registered for Conv2D, register a copy of tfjs-core's own Conv2D gradient
 * (gradients/Conv2D_grad.js: the same ops, the same attrs) so tf.grads can run here.
 */
export function ensureConv2DGradient(): void {
  if (tf.getGradient(tf.Conv2D) !== undefined) return;
  tf.registerGradient({
    kernelName: tf.Conv2D,
    inputsToSave: ['x', 'filter'],
    gradFunc: (dyIn, saved, attrs) => {
      const dy = dyIn as tf.Tensor4D;
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const { strides, pad, dataFormat } = attrs as unknown as tf.Conv2DAttrs;
      const filterAttrs = { strides, pad, dataFormat, filterShape: filter.shape };
      const inputAttrs = { strides, pad, dataFormat, inputShape: x.shape };
      return {
        x: () =>
          tf
            .engine()
            .runKernel(tf.Conv2DBackpropInput, { dy, filter }, inputAttrs as unknown as tf.NamedAttrMap) as tf.Tensor,
        filter: () =>
          tf
            .engine()
            .runKernel(tf.Conv2DBackpropFilter, { x, dy }, filterAttrs as unknown as tf.NamedAttrMap) as tf.Tensor,
      };
    },
  });
}
