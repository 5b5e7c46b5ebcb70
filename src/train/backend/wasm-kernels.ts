/**
 * Kernels the wasm backend needs for training, registered on top of tfjs-backend-wasm 4.22:
 * - Conv2DBackpropFilter (missing upstream; see conv2d-backprop-filter.ts);
 * - a BatchMatMul wrapper that materialises transposed operands first: wasm's BatchMatMul only
 *   uses XNNPACK for an unbatched product without transpose flags and otherwise falls back to a
 *   plain blocked loop, ~10× slower; every dense layer's backward pass asks for exactly the
 *   transposed forms (dA = dy·Bᵀ, dB = Aᵀ·dy). Batched products take the loop either way, so
 *   they pass through untouched.
 */
import * as tf from '@tensorflow/tfjs-core';
// Registers the 'wasm' backend factory and its kernels (the backend itself initialises lazily).
import '@tensorflow/tfjs-backend-wasm';
import { conv2DBackpropFilterWasmConfig } from './conv2d-backprop-filter.ts';
import { WASM, disposeInfos, wasmSwapLastTwo } from './wasm-ops.ts';

/** Marks our wrapper so registration stays idempotent even across module copies. */
const WRAPPED = Symbol.for('gradient-workbench.wasm.batchMatMulWrapper');

type Wrapped = tf.KernelFunc & { [WRAPPED]?: true };

/** Product of the leading (batch) axes of a rank ≥ 2 tensor. */
function batchOf(x: tf.TensorInfo): number {
  return x.shape.slice(0, -2).reduce((p, d) => p * d, 1);
}

/**
 * Wraps a BatchMatMul kernel function: a [..., m, k] or [..., k, m] (transposeA), b [..., k, n]
 * or [..., n, k] (transposeB) → out [..., m, n]. For unbatched operands (leading axes all 1)
 * the transposes are materialised with wasm Transpose and the original sees flags false.
 */
export function transposeFirstBatchMatMul(original: tf.KernelFunc): tf.KernelFunc {
  const wrapped: Wrapped = (args) => {
    const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    if ((!transposeA && !transposeB) || batchOf(a) > 1 || batchOf(b) > 1) return original(args);
    const backend = args.backend as tf.KernelBackend;
    const temps: tf.TensorInfo[] = [];
    try {
      const a2 = transposeA ? wasmSwapLastTwo(a, backend) : a;
      if (transposeA) temps.push(a2);
      const b2 = transposeB ? wasmSwapLastTwo(b, backend) : b;
      if (transposeB) temps.push(b2);
      const attrs = { ...args.attrs, transposeA: false, transposeB: false };
      return original({ inputs: { a: a2, b: b2 }, attrs, backend: args.backend });
    } finally {
      disposeInfos(backend, temps);
    }
  };
  wrapped[WRAPPED] = true;
  return wrapped;
}

function isWrapped(config: tf.KernelConfig | undefined): boolean {
  return (config?.kernelFunc as Wrapped | undefined)?.[WRAPPED] === true;
}

function registerBatchMatMulWrapper(): void {
  const original = tf.getKernel(tf.BatchMatMul, WASM);
  if (original === undefined) throw new Error('tfjs-backend-wasm did not register BatchMatMul');
  if (isWrapped(original)) return;
  tf.unregisterKernel(tf.BatchMatMul, WASM);
  // keep the original setupFunc: the engine runs setup funcs of the registered configs on every
  // setBackend('wasm'), and the original kernel's cwrap'd C function is bound there.
  tf.registerKernel({ ...original, kernelFunc: transposeFirstBatchMatMul(original.kernelFunc) });
}

/**
 * Registers the training kernels for 'wasm'. Idempotent; call before or after the wasm backend
 * initialises. Kernel registries are global to the tfjs-core instance (per thread).
 */
export function registerWasmTrainingKernels(): void {
  if (tf.getKernel(tf.Conv2DBackpropFilter, WASM) === undefined) {
    tf.registerKernel(conv2DBackpropFilterWasmConfig);
  }
  registerBatchMatMulWrapper();
}

/** Whether both training kernels are registered for 'wasm' (for diagnostics and tests). */
export function wasmTrainingKernelsRegistered(): boolean {
  return tf.getKernel(tf.Conv2DBackpropFilter, WASM) !== undefined && isWrapped(tf.getKernel(tf.BatchMatMul, WASM));
}
