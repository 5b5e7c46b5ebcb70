/**
 * Conv2DBackpropInput of a strided convolution without the zeros: the sub-pixel ("polyphase")
 * decomposition. For stride s the rows of dx split into s phases y = r + s·j; phase r only ever
 * meets the filter taps kh ≡ r + padBefore (mod s), so it is a stride-1 convolution of dy itself
 * (not dy dilated with s − 1 zeros) with those taps reversed. With strides (sH, sW) that is sH·sW
 * small convolutions through wasm's XNNPACK Conv2D, whose results interleave into dx by one
 * Transpose. The dilated route multiplies (s² − 1)/s² zeros: 75 % of its work at stride 2.
 *
 * Along one axis (input size H, kernel k, forward pad p before, output size O), phase r:
 *   taps kh = kh0 + s·t, t < T, with kh0 = (r + p) mod s, T = ⌈(k − kh0)/s⌉ (0 when kh0 ≥ k);
 *   dx[r + s·j] = Σ_t dy[j + q − t] · w[kh0 + s·t], q = ⌊(r + p)/s⌋, j < J = ⌈(H − r)/s⌉,
 * i.e. a correlation with the reversed taps and T − 1 − q of padding in front.
 */
import * as tf from '@tensorflow/tfjs-core';
import { disposeInfos, runWasmKernel, wasmReshape, wasmTranspose } from './wasm-ops.ts';

/** One phase along one axis. */
export interface PhaseAxis {
  /** first tap and number of taps (0: this phase of dx gets no gradient) */
  kh0: number;
  taps: number;
  /** zero padding of dy before / after (never negative) and where the J wanted values start */
  before: number;
  after: number;
  cropStart: number;
  /** rows of dx in this phase */
  length: number;
}

export function phaseAxis(
  inSize: number,
  k: number,
  s: number,
  padBefore: number,
  outSize: number,
  r: number,
): PhaseAxis {
  const kh0 = (r + padBefore) % s;
  const taps = kh0 < k ? Math.ceil((k - kh0) / s) : 0;
  const q = Math.floor((r + padBefore) / s);
  const length = r < inSize ? Math.ceil((inSize - r) / s) : 0;
  const want = taps - 1 - q;
  const before = Math.max(0, want);
  const cropStart = before - want;
  // the correlation yields outSize + before + after − taps + 1 values; we need cropStart + length
  const after = Math.max(0, cropStart + length - (outSize + before - taps + 1));
  return { kh0, taps, before, after, cropStart, length };
}

/** Whether this geometry has a gradient convolution to run (a phase with no taps or rows is zero). */
const live = (a: PhaseAxis) => a.taps > 0 && a.length > 0;

/** The taps of one 2-D phase, reversed, channels swapped: [tH, tW, outC, inC]. */
function phaseFilter(
  filter: tf.TensorInfo,
  h: PhaseAxis,
  w: PhaseAxis,
  s: [number, number],
  backend: tf.KernelBackend,
  temps: tf.TensorInfo[],
) {
  const [, , inC, outC] = filter.shape;
  const taps = runWasmKernel(
    'StridedSlice',
    { x: filter },
    {
      begin: [h.kh0, w.kh0, 0, 0],
      end: [h.kh0 + (h.taps - 1) * s[0] + 1, w.kh0 + (w.taps - 1) * s[1] + 1, inC, outC],
      strides: [s[0], s[1], 1, 1],
      beginMask: 0,
      endMask: 0,
      ellipsisMask: 0,
      newAxisMask: 0,
      shrinkAxisMask: 0,
    },
    backend,
  );
  temps.push(taps);
  const reversed = runWasmKernel('Reverse', { x: taps }, { dims: [0, 1] }, backend);
  temps.push(reversed);
  const out = wasmTranspose(reversed, [0, 1, 3, 2], backend);
  temps.push(out);
  return out;
}

/** dx of one phase, [N, Jmax_h, Jmax_w, inC] (zero-padded to the largest phase). */
function phaseGradient(
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  [h, w]: [PhaseAxis, PhaseAxis],
  [jh, jw]: [number, number],
  s: [number, number],
  backend: tf.KernelBackend,
  temps: tf.TensorInfo[],
): tf.TensorInfo {
  const [n] = dy.shape;
  const inC = filter.shape[2];
  if (!live(h) || !live(w))
    return runWasmKernel('Fill', {}, { shape: [n, jh, jw, inC], value: 0, dtype: 'float32' }, backend);
  const f = phaseFilter(filter, h, w, s, backend, temps);
  const pad = [
    [0, 0],
    [h.before, h.after],
    [w.before, w.after],
    [0, 0],
  ];
  let g = runWasmKernel(
    'Conv2D',
    { x: dy, filter: f },
    { strides: [1, 1], pad, dilations: [1, 1], dataFormat: 'NHWC' } as unknown as tf.NamedAttrMap,
    backend,
  );
  if (g.shape[1] !== h.length || g.shape[2] !== w.length) {
    temps.push(g);
    g = runWasmKernel(
      'Slice',
      { x: g },
      { begin: [0, h.cropStart, w.cropStart, 0], size: [n, h.length, w.length, inC] },
      backend,
    );
  }
  if (h.length === jh && w.length === jw) return g;
  temps.push(g);
  const fill = [
    [0, 0],
    [0, jh - h.length],
    [0, jw - w.length],
    [0, 0],
  ];
  return runWasmKernel('PadV2', { x: g }, { paddings: fill, constantValue: 0 } as unknown as tf.NamedAttrMap, backend);
}

/**
 * dx [N, H, W, inC] for dy [N, O_H, O_W, outC], filter [kH, kW, inC, outC] and the forward
 * geometry `info` (NHWC, dilation 1, any strides); the caller owns the result.
 */
export function backpropInputByPhases(
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
  backend: tf.KernelBackend,
): tf.TensorInfo {
  const s: [number, number] = [info.strideHeight, info.strideWidth];
  const [n, H, W, inC] = info.inShape;
  const [jh, jw] = [Math.ceil(H / s[0]), Math.ceil(W / s[1])];
  const temps: tf.TensorInfo[] = [];
  try {
    const phases: tf.TensorInfo[] = [];
    for (let ry = 0; ry < s[0]; ry++)
      for (let rx = 0; rx < s[1]; rx++) {
        const h = phaseAxis(H, info.filterHeight, s[0], info.padInfo.top, info.outHeight, ry);
        const w = phaseAxis(W, info.filterWidth, s[1], info.padInfo.left, info.outWidth, rx);
        const g = phaseGradient(dy, filter, [h, w], [jh, jw], s, backend, temps);
        temps.push(g);
        phases.push(g);
      }
    // [sH·sW·N, Jh, Jw, C] as [sH, sW, N·Jh·Jw, C] → [sH, N·Jh·Jw, sW, C] (columns woven) as
    // [sH, N·Jh, W′·C] → [N·Jh, sH, W′·C] (rows woven) = [N, Jh·sH, Jw·sW, C]. Two transposes of
    // rank ≤ 4: wasm's rank-5 Transpose takes a generic path, 100× slower here.
    const stacked = runWasmKernel('Concat', phases as unknown as tf.NamedTensorInfoMap, { axis: 0 }, backend);
    temps.push(stacked);
    const byPhase = wasmReshape(stacked, [s[0], s[1], n * jh * jw, inC], backend);
    temps.push(byPhase);
    const cols = wasmTranspose(byPhase, [0, 2, 1, 3], backend);
    temps.push(cols);
    const byRowPhase = wasmReshape(cols, [s[0], n * jh, jw * s[1] * inC], backend);
    temps.push(byRowPhase);
    const rows = wasmTranspose(byRowPhase, [1, 0, 2], backend);
    temps.push(rows);
    const full = wasmReshape(rows, [n, jh * s[0], jw * s[1], inC], backend);
    if (jh * s[0] === H && jw * s[1] === W) return full;
    temps.push(full);
    return runWasmKernel('Slice', { x: full }, { begin: [0, 0, 0, 0], size: [n, H, W, inC] }, backend);
  } finally {
    disposeInfos(backend, temps);
  }
}
