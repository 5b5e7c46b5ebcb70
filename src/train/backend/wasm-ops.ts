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

/** A view of `x` with a new shape (wasm Reshape: same buffer, one more reference); the caller owns it. */
export function wasmReshape(x: tf.TensorInfo, shape: number[], backend: tf.KernelBackend): tf.TensorInfo {
  return runWasmKernel('Reshape', { x }, { shape }, backend);
}

/** Pads `x` with zeros, `paddings[i]` = [before, after] for axis i (wasm PadV2); the caller owns the result. */
export function wasmPadZeros(
  x: tf.TensorInfo,
  paddings: Array<[number, number]>,
  backend: tf.KernelBackend,
): tf.TensorInfo {
  return runWasmKernel('PadV2', { x }, { paddings, constantValue: 0 } as unknown as tf.NamedAttrMap, backend);
}

/**
 * x [r, c] → [c, r]. wasm's Transpose reads x row by row and scatters each row down a column of
 * the result, consecutive writes r floats apart; for power-of-two r (8192 rows: 32 KB apart)
 * they all land in one cache set and the transpose runs 4–9× slower than it could ([8192, 128]:
 * 5.3 → 1.3 ms). For r ≥ 256 divisible by 32 it goes in two passes instead, [r/b, b, c] →
 * [r/b, c, b] (small b × c transposes) → [c, r/b, b] (moves runs of b floats), b = 64 or 32.
 * The caller owns the result.
 */
export function wasmTranspose2D(x: tf.TensorInfo, backend: tf.KernelBackend): tf.TensorInfo {
  const [r, c] = x.shape;
  const b = r >= 256 && c > 1 ? [64, 32].find((d) => r % d === 0) : undefined;
  if (b === undefined) return wasmTranspose(x, [1, 0], backend);
  const temps: tf.TensorInfo[] = [];
  try {
    const blocks = wasmReshape(x, [r / b, b, c], backend);
    temps.push(blocks);
    const inner = wasmTranspose(blocks, [0, 2, 1], backend);
    temps.push(inner);
    const outer = wasmTranspose(inner, [1, 0, 2], backend);
    temps.push(outer);
    return wasmReshape(outer, [c, r], backend);
  } finally {
    disposeInfos(backend, temps);
  }
}

/** Releases intermediates created inside a kernel function; each kernel output holds one reference. */
export function disposeInfos(backend: tf.KernelBackend, infos: Array<tf.TensorInfo | null>): void {
  for (const info of infos) if (info !== null) backend.disposeData(info.dataId);
}
