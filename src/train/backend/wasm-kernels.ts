/**
 * Kernels the wasm backend needs for training, registered on top of tfjs-backend-wasm 4.22:
 * - Conv2DBackpropFilter (missing upstream; see conv2d-backprop-filter.ts);
 * - Conv2DBackpropInput through wasm's XNNPACK Conv2D instead of its nested loop, for NHWC
 *   (see conv2d-backprop-input.ts);
 * - a BatchMatMul wrapper that hands wasm's XNNPACK path unbatched products without transpose
 *   flags, in the orientation it runs fastest (see batch-mat-mul.ts): wasm's BatchMatMul
 *   otherwise falls back to a plain blocked loop, ~10× slower, and every dense layer's backward
 *   pass asks for exactly the transposed forms (dA = dy·Bᵀ, dB = Aᵀ·dy).
 * With the native tier on (blas.ts), BatchMatMul, Conv2D and both convolution gradients run on the
 * BLAS addon instead, each in front of the kernel above (or wasm's own Conv2D), which runs whenever
 * the tier is off or declines the call (see blas-kernels.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
// Registers the 'wasm' backend factory and its kernels (the backend itself initialises lazily).
import '@tensorflow/tfjs-backend-wasm';
import { conv2DBackpropFilterWasmConfig } from './conv2d-backprop-filter.ts';
import { conv2DBackpropInputViaConv2D } from './conv2d-backprop-input.ts';
import { transposeFirstBatchMatMul } from './batch-mat-mul.ts';
import { BLAS_KERNELS, withBlas } from './blas-kernels.ts';
import { WASM } from './wasm-ops.ts';
import { aliasingIdentity } from './identity-alias.ts';
import { leadingAxesSum } from './blas-sum.ts';

export { transposeFirstBatchMatMul };

/** Marks our wrappers so registration stays idempotent even across module copies. */
const WRAPPED = Symbol.for('gradient-workbench.wasm.batchMatMulWrapper');
const WRAPPED_BACKPROP_INPUT = Symbol.for('gradient-workbench.wasm.conv2DBackpropInputWrapper');
const WRAPPED_BACKPROP_FILTER = Symbol.for('gradient-workbench.wasm.conv2DBackpropFilter');
const WRAPPED_CONV2D = Symbol.for('gradient-workbench.wasm.conv2DWrapper');
const WRAPPED_SUM = Symbol.for('gradient-workbench.wasm.leadingAxesSum');
const WRAPPED_IDENTITY = Symbol.for('gradient-workbench.wasm.identityAlias');

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
  // today's kernels, each behind its native path
  const native = (name: string, today: tf.KernelFunc) => withBlas(BLAS_KERNELS[name], today);
  // upstream has none: whatever is registered is ours (or a test's stand-in), left in place
  if (tf.getKernel(tf.Conv2DBackpropFilter, WASM) === undefined) {
    const kernelFunc = native(tf.Conv2DBackpropFilter, conv2DBackpropFilterWasmConfig.kernelFunc) as Wrapped;
    kernelFunc[WRAPPED_BACKPROP_FILTER] = true;
    tf.registerKernel({ ...conv2DBackpropFilterWasmConfig, kernelFunc });
  }
  registerWrapper(tf.BatchMatMul, WRAPPED, (original) => native(tf.BatchMatMul, transposeFirstBatchMatMul(original)));
  registerWrapper(tf.Conv2DBackpropInput, WRAPPED_BACKPROP_INPUT, (original) =>
    native(tf.Conv2DBackpropInput, conv2DBackpropInputViaConv2D(original)),
  );
  registerWrapper(tf.Conv2D, WRAPPED_CONV2D, (original) => native(tf.Conv2D, original));
  registerWrapper(tf.Sum, WRAPPED_SUM, (original) => withBlas(leadingAxesSum, original));
  registerWrapper(tf.Identity, WRAPPED_IDENTITY, aliasingIdentity);
}

/** Whether all training kernels are registered for 'wasm' (for diagnostics and tests). */
export function wasmTrainingKernelsRegistered(): boolean {
  return (
    isWrapped(tf.getKernel(tf.Conv2DBackpropFilter, WASM), WRAPPED_BACKPROP_FILTER) &&
    isWrapped(tf.getKernel(tf.BatchMatMul, WASM)) &&
    isWrapped(tf.getKernel(tf.Conv2DBackpropInput, WASM), WRAPPED_BACKPROP_INPUT) &&
    isWrapped(tf.getKernel(tf.Conv2D, WASM), WRAPPED_CONV2D)
  );
}

/** Whether wasm's Identity shares buffers instead of copying (identity-alias.ts). */
export function identityAliasRegistered(): boolean {
  return isWrapped(tf.getKernel(tf.Identity, WASM), WRAPPED_IDENTITY);
}
