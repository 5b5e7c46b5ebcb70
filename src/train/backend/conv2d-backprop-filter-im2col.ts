/**
 * Conv2DBackpropFilter on wasm as one matrix product over a hand-written im2col:
 *
 * dW[kh, kw, ci, co] = Σ_m P[m, (kh, kw, ci)] · dy[m, co],   m = (n, oh, ow),
 * P[m, (kh, kw, ci)] = xPad[n, oh·sH + kh, ow·sW + kw, ci]
 *
 * Pᵀ is written straight from x on the wasm heap (typed-array loops; the tfjs ops route paid 34 ms
 * a tap in strided slices), then the product runs through the BatchMatMul wrapper (XNNPACK).
 * Replaces the giant-kernel convolution of conv2d-backprop-filter.ts where it measured faster
 * (im2colPays).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapViews } from './blas-kernels.ts';
import { disposeInfos, runWasmKernel, wasmReshape, wasmTranspose2D } from './wasm-ops.ts';

/** Pᵀ above this many floats (64 MB) is not worth its memory. */
const MAX_PATCH_FLOATS = 1 << 24;

/**
 * Whether this path beats the dilated convolution: when a window holds fewer values than there are
 * output channels (K < outC; the reference CNN's conv1, 3×3×1 → 16: 25–28 → 18–21 ms at batch 64,
 * load 7). With K ≥ outC (conv2, 3×3×16 → 32) the two measured alike (34–39 vs 33–36 ms), the
 * scalar im2col eating what the product saves, so the convolution stays.
 */
export function im2colPays(info: tf.backend_util.Conv2DInfo): boolean {
  const K = info.filterHeight * info.filterWidth * info.inChannels;
  const M = info.batchSize * info.outHeight * info.outWidth;
  return K < info.outChannels && K * M <= MAX_PATCH_FLOATS;
}

/**
 * Fills Pᵀ [kH·kW·inC, N·outH·outW] from x [N, H, W, inC] (zeros where the window leaves x).
 * Image by image: one image of x stays in cache while each tap (kh, kw, ci) writes its
 * contiguous run of outH·outW values (tap-major over all of x reads it from memory kH·kW·inC
 * times; position-major scatters every store to another row).
 */
export function im2colT(x: Float32Array, pt: Float32Array, info: tf.backend_util.Conv2DInfo): void {
  const { batchSize, inHeight: H, inWidth: W, inChannels: C, outHeight, outWidth } = info;
  const { filterHeight: kH, filterWidth: kW, strideHeight: sH, strideWidth: sW } = info;
  const { top, left } = info.padInfo;
  const M = batchSize * outHeight * outWidth;
  const step = sW * C;
  // per kw, the output columns whose tap lands inside x: ow in [owLo, owHi)
  const owLo = Array.from({ length: kW }, (_, kw) => Math.min(outWidth, Math.max(0, Math.ceil((left - kw) / sW))));
  const owHi = owLo.map((lo, kw) => Math.max(lo, Math.min(outWidth, Math.floor((W - 1 + left - kw) / sW) + 1)));
  for (let n = 0; n < batchSize; n++)
    for (let kh = 0; kh < kH; kh++)
      for (let kw = 0; kw < kW; kw++)
        for (let ci = 0; ci < C; ci++) {
          let o = ((kh * kW + kw) * C + ci) * M + n * outHeight * outWidth;
          for (let oh = 0; oh < outHeight; oh++, o += outWidth) {
            const ih = oh * sH - top + kh;
            const inside = ih >= 0 && ih < H;
            const lo = inside ? owLo[kw] : outWidth;
            const hi = inside ? owHi[kw] : outWidth;
            for (let ow = 0; ow < lo; ow++) pt[o + ow] = 0;
            let from = ((n * H + ih) * W + lo * sW - left + kw) * C + ci;
            for (let ow = lo; ow < hi; ow++, from += step) pt[o + ow] = x[from];
            for (let ow = hi; ow < outWidth; ow++) pt[o + ow] = 0;
          }
        }
}

/**
 * dW [kH, kW, inC, outC] of x, dy (wasm tensors) for the forward geometry `info`; the caller owns
 * it. The product takes XNNPACK's fast path (no transpose flags) with the smaller of K and outC
 * as the rows: Pᵀ [K, M] · dy [M, outC] is dW's own layout when K ≥ outC; otherwise dyᵀ · P
 * ([outC, M] · [M, K]) and a transpose of the small [outC, K] result.
 */
export function backpropFilterIm2col(
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
  backend: BackendWasm,
): tf.TensorInfo {
  const M = info.batchSize * info.outHeight * info.outWidth;
  const K = info.filterHeight * info.filterWidth * info.inChannels;
  const kb = backend as unknown as tf.KernelBackend;
  const temps: tf.TensorInfo[] = [];
  const keep = <T extends tf.TensorInfo>(t: T) => (temps.push(t), t);
  const plain = (a: tf.TensorInfo, b: tf.TensorInfo) =>
    keep(runWasmKernel('BatchMatMul', { a, b }, { transposeA: false, transposeB: false } as never, kb));
  try {
    const pt = keep(backend.makeOutput([K, M], 'float32'));
    // the heap may have grown while Pᵀ was allocated: take the views after it
    const [X, PT] = heapViews(backend, [x, pt]);
    im2colT(X, PT, info);
    const dy2 = keep(wasmReshape(dy, [M, info.outChannels], backend));
    if (K >= info.outChannels) return wasmReshape(plain(pt, dy2), info.filterShape, backend);
    const g = plain(keep(wasmTranspose2D(dy2, kb)), keep(wasmTranspose2D(pt, kb)));
    return wasmReshape(keep(wasmTranspose2D(g, kb)), info.filterShape, backend);
  } finally {
    disposeInfos(kb, temps);
  }
}
