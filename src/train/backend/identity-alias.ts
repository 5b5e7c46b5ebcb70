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
import type * as tf from '@tensorflow/tfjs-core';

/** wasm's Identity, `copy`, for strings (they live off the heap); one more reference otherwise. */
export function aliasingIdentity(copy: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    if (x.dtype === 'string') return copy(args);
    (args.backend as unknown as { incRef(id: tf.DataId): void }).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}
