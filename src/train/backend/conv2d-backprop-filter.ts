/**
 * Conv2DBackpropFilter for the wasm backend, which ships none (tfjs 4.22).
 *
 * dW[kh, kw, ci, co] = Σ_{n, oh, ow} xPad[n, oh·sH + kh, ow·sW + kw, ci] · dy[n, oh, ow, co]
 *
 * is itself a stride-1 convolution with dilation (sH, sW): take xᵀ [inC, H, W, N] as a batch of
 * inC images with N channels and dy viewed as a filter [outH, outW, N, outC]. The result
 * [inC, kH', kW', outC] (kH' ≥ kH) is cropped to kH × kW and transposed to [kH, kW, inC, outC].
 * Routing through wasm's Conv3DBackpropFilterV2 instead gives wrong results for stride > 1.
 * Shapes with few values per window take an im2col + matrix product instead (…-im2col.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backpropFilterIm2col, im2colPays } from './conv2d-backprop-filter-im2col.ts';
import { WASM, disposeInfos, runWasmKernel, wasmTranspose } from './wasm-ops.ts';

/** How the gradient convolution is laid out, derived from the forward convolution's geometry. */
export interface BackpropFilterPlan {
  /** explicit padding of xᵀ [inC, H, W, N]: [[0,0],[top,bottom],[left,right],[0,0]] */
  pad: [[number, number], [number, number], [number, number], [number, number]];
  /** dilation of the dy-filter = the forward stride [sH, sW] */
  dilations: [number, number];
  /** spatial size of the raw result before cropping */
  resultH: number;
  resultW: number;
  /** whether the raw result is larger than kH × kW and must be cropped */
  crop: boolean;
}

/** Pads one spatial axis so the dilated dy-filter covers exactly the rows the forward pass read. */
function axisPlan(inSize: number, padBefore: number, outSize: number, stride: number, k: number) {
  const needed = (outSize - 1) * stride + k;
  const padAfter = Math.max(0, needed - (inSize + padBefore));
  const result = inSize + padBefore + padAfter - (outSize - 1) * stride;
  return { padAfter, result };
}

/** Pure geometry: pads, dilation and crop for the gradient convolution of `info`. */
export function planBackpropFilter(info: tf.backend_util.Conv2DInfo): BackpropFilterPlan {
  const { top, left } = info.padInfo;
  const h = axisPlan(info.inHeight, top, info.outHeight, info.strideHeight, info.filterHeight);
  const w = axisPlan(info.inWidth, left, info.outWidth, info.strideWidth, info.filterWidth);
  return {
    pad: [
      [0, 0],
      [top, h.padAfter],
      [left, w.padAfter],
      [0, 0],
    ],
    dilations: [info.strideHeight, info.strideWidth],
    resultH: h.result,
    resultW: w.result,
    crop: h.result !== info.filterHeight || w.result !== info.filterWidth,
  };
}

/** Forward-convolution geometry of a Conv2DBackpropFilter call; NHWC only, dilation 1. */
function convInfoOf(x: tf.TensorInfo, attrs: tf.Conv2DBackpropFilterAttrs): tf.backend_util.Conv2DInfo {
  const format = tf.backend_util.convertConv2DDataFormat(attrs.dataFormat ?? 'NHWC');
  if (format !== 'channelsLast') {
    throw new Error(`wasm Conv2DBackpropFilter supports NHWC only, got dataFormat '${attrs.dataFormat}'`);
  }
  const xShape = x.shape as [number, number, number, number];
  return tf.backend_util.computeConv2DInfo(
    xShape,
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    format,
  );
}

/**
 * Kernel function. Inputs x [N, H, W, inC] and dy [N, outH, outW, outC];
 * output dW [kH, kW, inC, outC] (float32).
 */
export function conv2DBackpropFilterWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  attrs?: tf.NamedAttrMap;
  backend: unknown;
}): tf.TensorInfo {
  const backend = args.backend as tf.KernelBackend;
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const info = convInfoOf(x, attrs);
  if (dy.shape[1] !== info.outHeight || dy.shape[2] !== info.outWidth || dy.shape[3] !== info.outChannels) {
    throw new Error(`Conv2DBackpropFilter: dy shape [${dy.shape}] does not match forward output [${info.outShape}]`);
  }
  if (im2colPays(info)) return backpropFilterIm2col(x, dy, info, args.backend as BackendWasm);
  const plan = planBackpropFilter(info);
  const temps: Array<tf.TensorInfo | null> = [];
  try {
    const xT = wasmTranspose(x, [3, 1, 2, 0], backend);
    temps.push(xT);
    const dyFilter = wasmTranspose(dy, [1, 2, 0, 3], backend);
    temps.push(dyFilter);
    let g = runWasmKernel(
      'Conv2D',
      { x: xT, filter: dyFilter },
      { strides: [1, 1], pad: plan.pad, dilations: plan.dilations, dataFormat: 'NHWC' } as unknown as tf.NamedAttrMap,
      backend,
    );
    temps.push(g);
    if (plan.crop) {
      const size = [info.inChannels, info.filterHeight, info.filterWidth, info.outChannels];
      g = runWasmKernel('Slice', { x: g }, { begin: [0, 0, 0, 0], size }, backend);
      temps.push(g);
    }
    return wasmTranspose(g, [1, 2, 0, 3], backend);
  } finally {
    disposeInfos(backend, temps);
  }
}

export const conv2DBackpropFilterWasmConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: WASM,
  kernelFunc: conv2DBackpropFilterWasm as unknown as tf.KernelFunc,
};
