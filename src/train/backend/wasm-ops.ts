/**
 * Calling the wasm backend's own kernels from inside another kernel.
 *
 * A kernel function that calls other kernel functions directly (not through `tf.*` ops)
 * receives untracked TensorInfos: the engine never sees them, so each intermediate must be
 * released with `backend.disposeData`, which decrements the wasm refcount and frees the heap
 * buffer (and any XNNPACK operator cached for that tensor id) when it reaches zero.
 */
import * as tf from '@tensorflow/tfjs-core';

export const WASM = 'wasm';

/**
 * Runs the kernel registered as `name` for the wasm backend.
 * Looked up at call time, so it finds whatever is registered then (including our wrappers).
 */
export function runWasmKernel(
  name: string,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap,
  backend: tf.KernelBackend,
): tf.TensorInfo {
  const kernel = tf.getKernel(name, WASM);
  if (kernel === undefined) throw new Error(`wasm kernel '${name}' is not registered`);
  return kernel.kernelFunc({ inputs, attrs, backend }) as tf.TensorInfo;
}

/** Transposes `x` by `perm` with the wasm Transpose kernel; the caller owns the result. */
export function wasmTranspose(x: tf.TensorInfo, perm: number[], backend: tf.KernelBackend): tf.TensorInfo {
  return runWasmKernel('Transpose', { x }, { perm }, backend);
}

/** Swaps the last two axes of a rank ≥ 2 tensor: [..., m, n] → [..., n, m]. */
export function wasmSwapLastTwo(x: tf.TensorInfo, backend: tf.KernelBackend): tf.TensorInfo {
  const r = x.shape.length;
  const perm = [...Array(r - 2).keys(), r - 1, r - 2];
  return wasmTranspose(x, perm, backend);
}

/** A view of `x` with a new shape (wasm Reshape: same buffer, one more reference); the caller owns it. */
export function wasmReshape(x: tf.TensorInfo, shape: number[], backend: tf.KernelBackend): tf.TensorInfo {
  return runWasmKernel('Reshape', { x }, { shape }, backend);
}

/** Pads `x` with zeros, `paddings[i]` = [before, after] for axis i (wasm PadV2); the caller owns the result. */
export function wasmPadZeros(x: tf.TensorInfo, paddings: Array<[number, number]>, backend: tf.KernelBackend): tf.TensorInfo {
  return runWasmKernel('PadV2', { x }, { paddings, constantValue: 0 } as unknown as tf.NamedAttrMap, backend);
}

/** Releases intermediates created inside a kernel function; each kernel output holds one reference. */
export function disposeInfos(backend: tf.KernelBackend, infos: Array<tf.TensorInfo | null>): void {
  for (const info of infos) if (info !== null) backend.disposeData(info.dataId);
}
