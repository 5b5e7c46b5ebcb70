/**
 * Kernels the wasm backend needs for training, registered on top of tfjs-backend-wasm 4.22:
 * - Conv2DBackpropFilter (missing upstream; see conv2d-backprop-filter.ts);
 * - Conv2DBackpropInput through wasm's XNNPACK Conv2D instead of its nested loop, for NHWC
 *   (see conv2d-backprop-input.ts);
 * - a BatchMatMul wrapper that hands wasm's XNNPACK path unbatched products without transpose
 *   flags, in the orientation it runs fastest (see batch-mat-mul.ts): wasm's BatchMatMul
 *   otherwise falls back to a plain blocked loop, ~10× slower, and every dense layer's backward
 *   pass asks for exactly the transposed forms (dA = dy·Bᵀ, dB = Aᵀ·dy).
 */
import * as tf from '@tensorflow/tfjs-core';
// Registers the 'wasm' backend factory and its kernels (the backend itself initialises lazily).
import '@tensorflow/tfjs-backend-wasm';
import { conv2DBackpropFilterWasmConfig } from './conv2d-backprop-filter.ts';
import { conv2DBackpropInputViaConv2D } from './conv2d-backprop-input.ts';
import { transposeFirstBatchMatMul } from './batch-mat-mul.ts';
import { WASM } from './wasm-ops.ts';
import { registerIdentityAlias } from './identity-alias.ts';
import { registerLeadingAxesSum } from './blas-sum.ts';

export { transposeFirstBatchMatMul };

/** Marks our wrappers so registration stays idempotent even across module copies. */
const WRAPPED = Symbol.for('gradient-workbench.wasm.batchMatMulWrapper');
const WRAPPED_BACKPROP_INPUT = Symbol.for('gradient-workbench.wasm.conv2DBackpropInputWrapper');

type Wrapped = tf.KernelFunc & { [marker: symbol]: true | undefined };

function isWrapped(config: tf.KernelConfig | undefined, marker: symbol = WRAPPED): boolean {
  return (config?.kernelFunc as Wrapped | undefined)?.[marker] === true;
}

/**
 * Replaces wasm's kernel `name` by `wrap(original)`, once (marked with `marker`). The original
 * setupFunc stays: the engine runs the setup funcs of the registered configs on every
 * setBackend('wasm'), and the original kernel's cwrap'd C function is bound there.
 */
function registerWrapper(name: string, marker: symbol, wrap: (original: tf.KernelFunc) => tf.KernelFunc): void {
  const original = tf.getKernel(name, WASM);
  if (original === undefined) throw new Error(`tfjs-backend-wasm did not register ${name}`);
  if (isWrapped(original, marker)) return;
  const wrapped = wrap(original.kernelFunc) as Wrapped;
  wrapped[marker] = true;
  tf.unregisterKernel(name, WASM);
  tf.registerKernel({ ...original, kernelFunc: wrapped });
}

/**
 * Registers the training kernels for 'wasm'. Idempotent; call before or after the wasm backend
 * initialises. Kernel registries are global to the tfjs-core instance (per thread).
 */
export function registerWasmTrainingKernels(): void {
  if (tf.getKernel(tf.Conv2DBackpropFilter, WASM) === undefined) {
    tf.registerKernel(conv2DBackpropFilterWasmConfig);
  }
  registerWrapper(tf.BatchMatMul, WRAPPED, transposeFirstBatchMatMul);
  registerWrapper(tf.Conv2DBackpropInput, WRAPPED_BACKPROP_INPUT, conv2DBackpropInputViaConv2D);
  registerIdentityAlias();
  registerLeadingAxesSum();
}

/** Whether all training kernels are registered for 'wasm' (for diagnostics and tests). */
export function wasmTrainingKernelsRegistered(): boolean {
  return (
    tf.getKernel(tf.Conv2DBackpropFilter, WASM) !== undefined &&
    isWrapped(tf.getKernel(tf.BatchMatMul, WASM)) &&
    isWrapped(tf.getKernel(tf.Conv2DBackpropInput, WASM), WRAPPED_BACKPROP_INPUT)
  );
}
