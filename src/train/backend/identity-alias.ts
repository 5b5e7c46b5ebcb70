/**
 * Identity on wasm without a copy.
 *
 * tfjs-backend-wasm 4.22's Identity allocates a new buffer and copies x into it. The engine calls it
 * for every tensor a kernel saves for its gradient while the tape records (`keep(clone(t))`), so a
 * training step copies its activations again: 65 copies a step in the reference CNN (4.2 ms of
 * ~140 ms on wasm; a bigger share once the matrix products run natively), 80 in the MLP.
 *
 * Tensors are immutable in tfjs (a Variable's assign swaps its dataId; our fused optimizer assigns
 * new tensors too, see optimizer/fused.ts), so a clone may share its source's buffer, as the cpu
 * backend's Identity does and as wasm's own Reshape does: one more reference on the same data.
 */
import * as tf from '@tensorflow/tfjs-core';
import { WASM } from './wasm-ops.ts';

const ALIASING = Symbol.for('gradient-workbench.wasm.identityAlias');

const identityAlias: tf.KernelFunc = ({ inputs, backend }) => {
  const { x } = inputs as { x: tf.TensorInfo };
  (backend as unknown as { incRef(id: tf.DataId): void }).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};
(identityAlias as unknown as Record<symbol, boolean>)[ALIASING] = true;

/** Replaces wasm's copying Identity (idempotent). Strings keep the original (they live off the heap). */
export function registerIdentityAlias(): void {
  const original = tf.getKernel(tf.Identity, WASM);
  if (original === undefined) throw new Error('tfjs-backend-wasm did not register Identity');
  if ((original.kernelFunc as unknown as Record<symbol, boolean>)[ALIASING]) return;
  const copy = original.kernelFunc;
  const kernelFunc: tf.KernelFunc = (args) =>
    (args.inputs.x as tf.TensorInfo).dtype === 'string' ? copy(args) : identityAlias(args);
  (kernelFunc as unknown as Record<symbol, boolean>)[ALIASING] = true;
  tf.unregisterKernel(tf.Identity, WASM);
  tf.registerKernel({ ...original, kernelFunc });
}

/** Whether Identity on wasm aliases (for tests and diagnostics). */
export function identityAliasRegistered(): boolean {
  return (
    (tf.getKernel(tf.Identity, WASM)?.kernelFunc as unknown as Record<symbol, boolean> | undefined)?.[ALIASING] === true
  );
}
