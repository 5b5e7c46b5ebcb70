/**
 * The BatchMatMul wrapper for the wasm backend.
 *
 * wasm's BatchMatMul (tfjs-backend-wasm 4.22, batch_mat_mul_impl.cc) uses XNNPACK's
 * fully-connected operator only for an unbatched product without transpose flags; anything else
 * takes a plain blocked loop, ~10× slower. XNNPACK's FC treats the second operand as weights:
 * it packs them on every call with a new tensor (every training step) and runs its rows through
 * them, so it is fastest when the weights are the smaller matrix. This wrapper, for unbatched
 * operands (leading axes all 1), therefore
 * - materialises transposed operands (dA = dy·Bᵀ, dB = Aᵀ·dy of every dense layer) so the
 *   product takes the XNNPACK path, with a cache-friendly 2-D transpose (wasmTranspose2D);
 * - computes a·bᵀ for n > m as (b·aᵀ)ᵀ: with a [m, k] and b [n, k] that transposes the small a
 *   and the [n, m] result instead of the large b, and packs aᵀ [k, m] instead of bᵀ [k, n]
 *   (the CNN's dense dx, [64, 128]·[8192, 128]ᵀ: 16 → 7 ms);
 * - computes a large plain a·b with wide weights (k·n ≥ 2¹⁹ floats, n > m) as (bᵀ·aᵀ)ᵀ for
 *   the same reason (the CNN's dense forward, [64, 8192]·[8192, 128]).
 * Batched products take the loop either way and pass through untouched.
 */
import * as tf from '@tensorflow/tfjs-core';
import { disposeInfos, wasmReshape, wasmTranspose2D } from './wasm-ops.ts';

/** Weights of at least this many floats (2 MB) make a plain a·b worth three transposes. */
export const SWAP_MIN_WEIGHTS = 1 << 19;

/** Product of the leading (batch) axes of a rank ≥ 2 tensor. */
function batchOf(x: tf.TensorInfo): number {
  return x.shape.slice(0, -2).reduce((p, d) => p * d, 1);
}

/** Sizes of the product: a is [m, k] (or [k, m] with transposeA), b is [k, n] (or [n, k]). */
export interface ProductDims {
  m: number;
  k: number;
  n: number;
  transposeA: boolean;
  transposeB: boolean;
}

/** Whether to compute a·b as (bᵀ·aᵀ)ᵀ so XNNPACK's weights are the [k, m] side (see file doc). */
export function swapOperands({ m, k, n, transposeA, transposeB }: ProductDims): boolean {
  if (n <= m) return false;
  if (transposeB) return true;
  return !transposeA && k * n >= SWAP_MIN_WEIGHTS;
}

type Product = (a: tf.TensorInfo, b: tf.TensorInfo) => tf.TensorInfo;

/**
 * a2 [m, k or k, m] · b2 [k, n or n, k] → [m, n], all 2-D, through `plain` (flags false) only;
 * intermediates are pushed to `temps`.
 */
function product2D(
  a2: tf.TensorInfo,
  b2: tf.TensorInfo,
  dims: ProductDims,
  plain: Product,
  backend: tf.KernelBackend,
  temps: tf.TensorInfo[],
): tf.TensorInfo {
  const transposed = (x: tf.TensorInfo) => {
    const t = wasmTranspose2D(x, backend);
    temps.push(t);
    return t;
  };
  if (!swapOperands(dims)) {
    return plain(dims.transposeA ? transposed(a2) : a2, dims.transposeB ? transposed(b2) : b2);
  }
  const bT = dims.transposeB ? b2 : transposed(b2); // [n, k]
  const aT = dims.transposeA ? a2 : transposed(a2); // [k, m]
  const outT = plain(bT, aT); // [n, m]
  temps.push(outT);
  return wasmTranspose2D(outT, backend);
}

/**
 * Wraps a BatchMatMul kernel function: a [..., m, k] or [..., k, m] (transposeA), b [..., k, n]
 * or [..., n, k] (transposeB) → out [...batch, m, n]. Unbatched products are rearranged as the
 * file doc says and reach `original` with flags false; batched ones, and plain products that
 * keep their orientation, go to `original` unchanged.
 */
export function transposeFirstBatchMatMul(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    if (batchOf(a) !== 1 || batchOf(b) !== 1) return original(args);
    const [ar, ac] = a.shape.slice(-2);
    const [br, bc] = b.shape.slice(-2);
    const dims = { m: transposeA ? ac : ar, k: transposeA ? ar : ac, n: transposeB ? br : bc, transposeA, transposeB };
    if (!transposeA && !transposeB && !swapOperands(dims)) return original(args);
    const backend = args.backend as tf.KernelBackend;
    const attrs = { ...args.attrs, transposeA: false, transposeB: false };
    const plain: Product = (x, y) =>
      original({ inputs: { a: x, b: y }, attrs, backend: args.backend }) as tf.TensorInfo;
    const temps: tf.TensorInfo[] = [];
    try {
      const a2 = wasmReshape(a, [ar, ac], backend);
      temps.push(a2);
      const b2 = wasmReshape(b, [br, bc], backend);
      temps.push(b2);
      const out = product2D(a2, b2, dims, plain, backend, temps);
      temps.push(out);
      const batch = a.shape.length >= b.shape.length ? a.shape.slice(0, -2) : b.shape.slice(0, -2);
      return wasmReshape(out, [...batch, dims.m, dims.n], backend);
    } finally {
      disposeInfos(backend, temps);
    }
  };
}
