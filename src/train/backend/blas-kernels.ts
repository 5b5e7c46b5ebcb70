/**
 * The native tier's kernels on the wasm backend: BatchMatMul, Conv2D, Conv2DBackpropFilter and
 * Conv2DBackpropInput run on the BLAS addon (blas.ts) over views of the wasm heap, so nothing is
 * copied in or out. OpenBLAS's sgemm runs 10–15× faster than XNNPACK's on one thread and takes the
 * transpose flags itself: none of the transposes the wasm-only wrappers materialise is needed.
 *
 * Each kernel is `withBlas(native, today)`: `native` runs when the tier is on (asked per call, so
 * setBlasEnabled(false) takes effect at once) and returns null for what it leaves to `today`, the
 * wasm path that ran before the tier existed (NCHW, non-float32, empty tensors, batch shapes that
 * do not broadcast simply, shapes today's path rejects with its own message).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapF32 } from '../optimizer/flat-state.ts';
import { blasAddon, type BlasAddon } from './blas.ts';

type KernelArgs = Parameters<tf.KernelFunc>[0];
export type NativeKernel = (addon: BlasAddon, args: KernelArgs) => tf.TensorInfo | null;

const size = (shape: number[]) => shape.reduce((p, d) => p * d, 1);

/** The kernel `today` with the native path in front of it (see file doc). */
export function withBlas(native: NativeKernel, today: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const addon = blasAddon();
    return (addon !== null ? native(addon, args) : null) ?? today(args);
  };
}

/**
 * Float32Array views of `infos` on the wasm heap. Take them after every output is allocated:
 * an allocation may grow the heap, which detaches the views taken before it.
 */
export function heapViews(backend: BackendWasm, infos: tf.TensorInfo[]): Float32Array[] {
  const heap = heapF32(backend);
  return infos.map((t) => {
    const at = backend.getMemoryOffset(t.dataId) / 4;
    return heap.subarray(at, at + size(t.shape));
  });
}

/** All float32 and non-empty: the only tensors the addon is handed. */
const plainFloats = (...infos: tf.TensorInfo[]) => infos.every((t) => t.dtype === 'float32' && size(t.shape) > 0);

/** The broadcast batch shape of a and b when one batch is 1 or both are equal in size, else null. */
function batchShape(a: number[], b: number[]): number[] | null {
  const [na, nb] = [size(a), size(b)];
  if (na !== nb && na !== 1 && nb !== 1) return null;
  try {
    const out = tf.backend_util.assertAndGetBroadcastShape(a, b);
    return size(out) === Math.max(na, nb) ? out : null;
  } catch {
    return null; // today's path raises its own error for shapes that do not broadcast
  }
}

/** a [..., m, k] (or [..., k, m]) · b [..., k, n] (or [..., n, k]) → [...batch, m, n], one sgemm per batch entry. */
const batchMatMul: NativeKernel = (addon, { inputs, attrs, backend }) => {
  const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const { transposeA: ta, transposeB: tb } = attrs as unknown as tf.BatchMatMulAttrs;
  if (a.shape.length < 2 || b.shape.length < 2 || !plainFloats(a, b)) return null;
  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  const [m, k, n] = [ta ? ac : ar, ta ? ar : ac, tb ? br : bc];
  if ((tb ? bc : br) !== k) return null;
  const batch = batchShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  if (batch === null) return null;
  const wasm = backend as BackendWasm;
  const out = wasm.makeOutput([...batch, m, n], 'float32');
  const [A, B, C] = heapViews(wasm, [a, b, out]);
  const [batchA, batchB] = [size(a.shape.slice(0, -2)), size(b.shape.slice(0, -2))];
  // a shared b under an untransposed a: the whole batch is one [batch·m, k] · b product
  if (batchB === 1 && !ta) {
    addon.sgemm(false, tb, batchA * m, n, k, A, B, C);
    return out;
  }
  for (let i = 0, count = Math.max(batchA, batchB); i < count; i++) {
    const ai = batchA === 1 ? 0 : i;
    const bi = batchB === 1 ? 0 : i;
    addon.sgemm(
      ta,
      tb,
      m,
      n,
      k,
      A.subarray(ai * m * k, (ai + 1) * m * k),
      B.subarray(bi * k * n, (bi + 1) * k * n),
      C.subarray(i * m * n, (i + 1) * m * n),
    );
  }
  return out;
};

/** The addon's geometry: n inH inW inC outH outW outC kH kW sH sW dH dW padTop padLeft. */
export function convGeometry(info: tf.backend_util.Conv2DInfo): Int32Array {
  return Int32Array.of(
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.outChannels,
    info.filterHeight,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
    info.padInfo.top,
    info.padInfo.left,
  );
}

type Shape4 = [number, number, number, number];

interface ConvAttrs {
  strides: number | [number, number];
  pad: tf.Conv2DAttrs['pad'];
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** Forward geometry for NHWC; null for NCHW (left to today's path) or a malformed call. */
function convInfo(xShape: number[], filterShape: number[], attrs: ConvAttrs): tf.backend_util.Conv2DInfo | null {
  if ((attrs.dataFormat ?? 'NHWC') !== 'NHWC' || xShape.length !== 4 || filterShape.length !== 4) return null;
  if (xShape[3] !== filterShape[2]) return null;
  const info = tf.backend_util.computeConv2DInfo(
    xShape as Shape4,
    filterShape as Shape4,
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  return info.outHeight > 0 && info.outWidth > 0 ? info : null;
}

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

const conv2d: NativeKernel = (addon, { inputs, attrs, backend }) => {
  const { x, filter } = inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
  const info = convInfo(x.shape, filter.shape, attrs as unknown as ConvAttrs);
  if (info === null || !plainFloats(x, filter)) return null;
  const wasm = backend as BackendWasm;
  const y = wasm.makeOutput(info.outShape, 'float32');
  const [X, W, Y] = heapViews(wasm, [x, filter, y]);
  addon.conv2d(convGeometry(info), X, W, Y);
  return y;
};

const conv2dBackpropFilter: NativeKernel = (addon, { inputs, attrs, backend }) => {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const info = convInfo(x.shape, a.filterShape, a);
  if (info === null || !sameShape(dy.shape, info.outShape) || !plainFloats(x, dy)) return null;
  const wasm = backend as BackendWasm;
  const dw = wasm.makeOutput(a.filterShape, 'float32');
  const [X, DY, DW] = heapViews(wasm, [x, dy, dw]);
  addon.conv2dBackpropFilter(convGeometry(info), X, DY, DW);
  return dw;
};

const conv2dBackpropInput: NativeKernel = (addon, { inputs, attrs, backend }) => {
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const a = attrs as unknown as tf.Conv2DBackpropInputAttrs;
  const info = convInfo(a.inputShape, filter.shape, a);
  if (info === null || !sameShape(dy.shape, info.outShape) || !plainFloats(dy, filter)) return null;
  const wasm = backend as BackendWasm;
  const dx = wasm.makeOutput(a.inputShape, 'float32');
  const [DY, W, DX] = heapViews(wasm, [dy, filter, dx]);
  addon.conv2dBackpropInput(convGeometry(info), DY, W, DX);
  return dx;
};

/** The native paths by kernel name, for wasm-kernels.ts to put in front of today's kernels. */
export const BLAS_KERNELS: Readonly<Record<string, NativeKernel>> = {
  [tf.BatchMatMul]: batchMatMul,
  [tf.Conv2D]: conv2d,
  [tf.Conv2DBackpropFilter]: conv2dBackpropFilter,
  [tf.Conv2DBackpropInput]: conv2dBackpropInput,
};
