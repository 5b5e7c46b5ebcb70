/**
 * Conv2DBackpropInput for the wasm backend through wasm's own Conv2D (XNNPACK). tfjs-backend-wasm
 * 4.22 ships a plain nested loop for it, several times slower than its XNNPACK convolution.
 *
 * With the forward convolution y = conv2d(x [N, H, W, inC], w [kH, kW, inC, outC], stride s, pads),
 *
 *   dx = conv2d(dilate(dy, s), reverse_hw(w)ᵀ [kH, kW, outC, inC], stride 1, pads′)
 *
 * where dilate inserts s − 1 zeros after every row and column of dy [N, outH, outW, outC]
 * (→ [N, outH·s, outW·s, outC]) and pads′ = (k − 1 − padBefore, whatever makes the result H × W).
 * The s − 1 zeros after the last row are simply part of the bottom padding. Forward pads larger
 * than k − 1 make pads′ negative: the convolution then runs with 0 there and the result is cropped.
 */
import * as tf from '@tensorflow/tfjs-core';
import { backpropInputByPhases } from './conv2d-backprop-input-phases.ts';
import { disposeInfos, runWasmKernel, wasmPadZeros, wasmReshape, wasmTranspose } from './wasm-ops.ts';

/** The gradient convolution along one spatial axis. */
export interface BackpropInputAxis {
  /** zero padding of the dilated dy before / after (never negative) */
  before: number;
  after: number;
  /** rows (columns) to drop at the start of the raw result; the raw result is cropped when `cropped` */
  cropStart: number;
  cropped: boolean;
}

/** How the gradient convolution is laid out, derived from the forward convolution's geometry. */
export interface BackpropInputPlan {
  /** forward strides [sH, sW] = how far dy is dilated */
  strides: [number, number];
  /** explicit pads of the stride-1 gradient convolution: [[0,0],[top,bottom],[left,right],[0,0]] */
  pad: [[number, number], [number, number], [number, number], [number, number]];
  /** where dx [N, H, W, inC] starts in the raw result, when it must be cropped */
  cropTop: number;
  cropLeft: number;
  crop: boolean;
}

/**
 * One spatial axis: dy dilated to outSize·stride, padded to inSize + k − 1 so a stride-1
 * k-tap convolution yields exactly inSize values.
 */
export function axisPlan(
  inSize: number,
  k: number,
  stride: number,
  padBefore: number,
  outSize: number,
): BackpropInputAxis {
  const before = k - 1 - padBefore;
  const after = inSize + k - 1 - before - outSize * stride;
  return {
    before: Math.max(0, before),
    after: Math.max(0, after),
    cropStart: Math.max(0, -before),
    cropped: before < 0 || after < 0,
  };
}

/** Pure geometry: dilation, pads and crop for the gradient convolution of `info` (dilation 1). */
export function planBackpropInput(info: tf.backend_util.Conv2DInfo): BackpropInputPlan {
  const { top, left } = info.padInfo;
  const h = axisPlan(info.inHeight, info.filterHeight, info.strideHeight, top, info.outHeight);
  const w = axisPlan(info.inWidth, info.filterWidth, info.strideWidth, left, info.outWidth);
  return {
    strides: [info.strideHeight, info.strideWidth],
    pad: [
      [0, 0],
      [h.before, h.after],
      [w.before, w.after],
      [0, 0],
    ],
    cropTop: h.cropStart,
    cropLeft: w.cropStart,
    crop: h.cropped || w.cropped,
  };
}

/**
 * dy [N, oh, ow, C] → [N, oh·sH, ow·sW, C] with sH − 1 zero rows after every row and sW − 1 zero
 * columns after every column: [N, oh, 1, ow, 1, C] padded to [N, oh, sH, ow, sW, C]. Returns dy
 * itself for stride 1; anything it creates is pushed to `temps`.
 */
function dilate(
  dy: tf.TensorInfo,
  [sH, sW]: [number, number],
  backend: tf.KernelBackend,
  temps: tf.TensorInfo[],
): tf.TensorInfo {
  if (sH === 1 && sW === 1) return dy;
  const [n, oh, ow, c] = dy.shape;
  const split = wasmReshape(dy, [n, oh, 1, ow, 1, c], backend);
  temps.push(split);
  const padded = wasmPadZeros(
    split,
    [
      [0, 0],
      [0, 0],
      [0, sH - 1],
      [0, 0],
      [0, sW - 1],
      [0, 0],
    ],
    backend,
  );
  temps.push(padded);
  const out = wasmReshape(padded, [n, oh * sH, ow * sW, c], backend);
  temps.push(out);
  return out;
}

/** w [kH, kW, inC, outC] → reversed in both spatial axes, channels swapped: [kH, kW, outC, inC]. */
function flippedFilter(filter: tf.TensorInfo, backend: tf.KernelBackend, temps: tf.TensorInfo[]): tf.TensorInfo {
  const reversed = runWasmKernel('Reverse', { x: filter }, { dims: [0, 1] }, backend);
  temps.push(reversed);
  const out = wasmTranspose(reversed, [0, 1, 3, 2], backend);
  temps.push(out);
  return out;
}

/** Forward-convolution geometry of a Conv2DBackpropInput call (NHWC, dilation 1). */
function convInfoOf(filter: tf.TensorInfo, attrs: tf.Conv2DBackpropInputAttrs): tf.backend_util.Conv2DInfo {
  const inputShape = attrs.inputShape as [number, number, number, number];
  const filterShape = filter.shape as [number, number, number, number];
  return tf.backend_util.computeConv2DInfo(
    inputShape,
    filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
}

/**
 * Kernel function for NHWC. Inputs dy [N, outH, outW, outC] and filter [kH, kW, inC, outC],
 * attrs as tfjs' Conv2DBackpropInput (inputShape [N, H, W, inC]); output dx [N, H, W, inC] (float32).
 */
export function conv2DBackpropInputWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  attrs?: tf.NamedAttrMap;
  backend: unknown;
}): tf.TensorInfo {
  const backend = args.backend as tf.KernelBackend;
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
  if (tf.backend_util.convertConv2DDataFormat(attrs.dataFormat ?? 'NHWC') !== 'channelsLast') {
    throw new Error(`wasm Conv2DBackpropInput via Conv2D supports NHWC only, got dataFormat '${attrs.dataFormat}'`);
  }
  const info = convInfoOf(filter, attrs);
  if (
    dy.shape[0] !== info.batchSize ||
    dy.shape[1] !== info.outHeight ||
    dy.shape[2] !== info.outWidth ||
    dy.shape[3] !== info.outChannels
  ) {
    throw new Error(`Conv2DBackpropInput: dy shape [${dy.shape}] does not match forward output [${info.outShape}]`);
  }
  if (info.strideHeight > 1 || info.strideWidth > 1) return backpropInputByPhases(dy, filter, info, backend);
  const plan = planBackpropInput(info);
  const temps: tf.TensorInfo[] = [];
  try {
    const x = dilate(dy, plan.strides, backend, temps);
    const w = flippedFilter(filter, backend, temps);
    const convAttrs = { strides: [1, 1], pad: plan.pad, dilations: [1, 1], dataFormat: 'NHWC' };
    const raw = runWasmKernel('Conv2D', { x, filter: w }, convAttrs as unknown as tf.NamedAttrMap, backend);
    if (!plan.crop) return raw;
    temps.push(raw);
    const begin = [0, plan.cropTop, plan.cropLeft, 0];
    return runWasmKernel('Slice', { x: raw }, { begin, size: info.inShape }, backend);
  } finally {
    disposeInfos(backend, temps);
  }
}

/**
 * Wraps wasm's own Conv2DBackpropInput kernel function: NHWC calls go through
 * conv2DBackpropInputWasm, anything else (NCHW) to `original`.
 */
export function conv2DBackpropInputViaConv2D(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { dataFormat } = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    if (tf.backend_util.convertConv2DDataFormat(dataFormat ?? 'NHWC') !== 'channelsLast') return original(args);
    return conv2DBackpropInputWasm(args);
  };
}
