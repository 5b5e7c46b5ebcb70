/**
 * Kernel benchmark for the wasm training kernels: `npx tsx bench/kernels.ts`.
 * Prints one JSON line per case:
 * - Conv2DBackpropFilter, cpu vs wasm (ours), on the reference CNN's shapes (batch 64);
 * - Conv2DBackpropInput, wasm's own loop vs ours (through XNNPACK Conv2D), checked against cpu;
 * - BatchMatMul on wasm (the MLP's and the reference CNN's dense products), wasm's own kernel
 *   vs our wrapper.
 * Times are medians in milliseconds; single-threaded (wasm threads are off in Node).
 */
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../src/train/backend/wasm-kernels.ts';
import { wasmBinaryFolder } from '../src/train/backend/wasm.ts';
import { createRng } from '../src/util/rng.ts';

type Shape4 = [number, number, number, number];

function values(shape: number[], seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1));
}

/**
 * Median wall time of `reps` runs of `fn` plus reading its result (after `warmup` untimed runs),
 * and the last result; `prepare` runs untimed before each run. `fn` returns a tensor, never a
 * typed array from inside tf.tidy: tidy walks a returned container element by element (~13 ms
 * for 32k floats, more than the product itself).
 */
function time(
  fn: () => tf.Tensor,
  reps: number,
  warmup: number,
  prepare = () => {},
): { ms: number; out: Float32Array } {
  const once = () => {
    prepare();
    const t0 = performance.now();
    const t = fn();
    const values = t.dataSync() as Float32Array;
    t.dispose();
    return { ms: performance.now() - t0, values };
  };
  let out: Float32Array = new Float32Array(0);
  for (let i = 0; i < warmup; i++) out = once().values;
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const run = once();
    ms.push(run.ms);
    out = run.values;
  }
  ms.sort((a, b) => a - b);
  return { ms: Math.round(ms[Math.floor(ms.length / 2)] * 100) / 100, out };
}

function relDiff(a: Float32Array, b: Float32Array): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return Number((d / Math.max(s, 1e-12)).toExponential(2));
}

/** Inputs are created once per backend; the timed call is the kernel plus reading its result. */
function timeFilterGrad(x: Shape4, filter: Shape4, stride: number, reps: number, warmup: number) {
  const info = tf.backend_util.computeConv2DInfo(x, filter, stride, 1, 'same');
  const inputs = { x: tf.tensor(values(x, 1), x), dy: tf.tensor(values(info.outShape, 2), info.outShape) };
  const attrs = { strides: stride, pad: 'same', dataFormat: 'NHWC', filterShape: filter };
  const run = () => tf.engine().runKernel(tf.Conv2DBackpropFilter, inputs, attrs as never) as tf.Tensor;
  const result = time(run, reps, warmup);
  tf.dispose([inputs.x, inputs.dy]);
  return result;
}

async function benchConv(name: string, x: Shape4, filter: Shape4, stride: number): Promise<void> {
  await tf.setBackend('cpu');
  const cpu = timeFilterGrad(x, filter, stride, 1, 0); // seconds per call: one timed run
  await tf.setBackend('wasm');
  const wasm = timeFilterGrad(x, filter, stride, 5, 1);
  const line = { case: name, kernel: 'Conv2DBackpropFilter', x, filter, stride, pad: 'same' };
  const result = {
    cpuMs: cpu.ms,
    wasmMs: wasm.ms,
    speedup: Math.round(cpu.ms / wasm.ms),
    relDiffVsCpu: relDiff(wasm.out, cpu.out),
  };
  console.log(JSON.stringify({ ...line, ...result }));
}

/** dy and filter are created once per backend; the timed call is the kernel plus reading its result. */
function timeInputGrad(x: Shape4, filter: Shape4, stride: number, reps: number, warmup: number) {
  const info = tf.backend_util.computeConv2DInfo(x, filter, stride, 1, 'same');
  const inputs = {
    dy: tf.tensor(values(info.outShape, 5), info.outShape),
    filter: tf.tensor(values(filter, 6), filter),
  };
  const attrs = { strides: stride, pad: 'same', dataFormat: 'NHWC', inputShape: x };
  const run = () => tf.engine().runKernel(tf.Conv2DBackpropInput, inputs, attrs as never) as tf.Tensor;
  const result = time(run, reps, warmup);
  tf.dispose([inputs.dy, inputs.filter]);
  return result;
}

interface ConvCase {
  name: string;
  x: Shape4;
  filter: Shape4;
  stride: number;
}

const INPUT_GRADS: ConvCase[] = [
  { name: 'cnn conv2 backprop input', x: [64, 32, 32, 16], filter: [3, 3, 16, 32], stride: 2 },
  { name: 'stride-1 backprop input', x: [64, 32, 32, 16], filter: [3, 3, 16, 16], stride: 1 },
  { name: 'stride-2 backprop input to 1 channel', x: [64, 32, 32, 1], filter: [3, 3, 1, 16], stride: 2 },
];

/** One line per case: `builtin` timed on wasm before registerWasmTrainingKernels, ours after. */
async function benchInputGrads(builtin: Array<{ ms: number; out: Float32Array }>): Promise<void> {
  const ours = INPUT_GRADS.map((c) => timeInputGrad(c.x, c.filter, c.stride, 7, 1));
  await tf.setBackend('cpu');
  INPUT_GRADS.forEach((c, i) => {
    const cpu = timeInputGrad(c.x, c.filter, c.stride, 1, 0);
    const line = {
      case: c.name,
      kernel: 'Conv2DBackpropInput',
      x: c.x,
      filter: c.filter,
      stride: c.stride,
      pad: 'same',
    };
    const result = {
      cpuMs: cpu.ms,
      wasmBuiltinMs: builtin[i].ms,
      wasmMs: ours[i].ms,
      speedupVsBuiltin: Math.round((builtin[i].ms / ours[i].ms) * 10) / 10,
    };
    console.log(JSON.stringify({ ...line, ...result, relDiffVsCpu: relDiff(ours[i].out, cpu.out) }));
  });
  await tf.setBackend('wasm');
}

interface MatMulCase {
  name: string;
  a: number[];
  b: number[];
  ta: boolean;
  tb: boolean;
}

const MATMULS: MatMulCase[] = [
  { name: 'dense forward x·W', a: [128, 784], b: [784, 256], ta: false, tb: false },
  { name: 'dense dW = xᵀ·dy', a: [128, 784], b: [128, 256], ta: true, tb: false },
  { name: 'dense dx = dy·Wᵀ', a: [128, 256], b: [784, 256], ta: false, tb: true },
  { name: 'both transposed', a: [784, 128], b: [256, 784], ta: true, tb: true },
  { name: 'hidden dW = hᵀ·dy', a: [128, 256], b: [128, 256], ta: true, tb: false },
  { name: 'hidden dx = dy·Wᵀ', a: [128, 256], b: [256, 256], ta: false, tb: true },
  { name: 'batched 3-D dW', a: [8, 64, 128], b: [8, 64, 96], ta: true, tb: false },
  { name: 'cnn dense forward x·W', a: [64, 8192], b: [8192, 128], ta: false, tb: false },
  { name: 'cnn dense dW = xᵀ·dy', a: [64, 8192], b: [64, 128], ta: true, tb: false },
  { name: 'cnn dense dx = dy·Wᵀ', a: [64, 128], b: [8192, 128], ta: false, tb: true },
  { name: 'cnn seg head forward h·V', a: [64, 128], b: [128, 1024], ta: false, tb: false },
  { name: 'cnn seg head dV = hᵀ·dy', a: [64, 128], b: [64, 1024], ta: true, tb: false },
  { name: 'cnn seg head dh = dy·Vᵀ', a: [64, 1024], b: [128, 1024], ta: false, tb: true },
];

/**
 * The timed call is the product plus reading it, on fresh copies of the operands (copied untimed):
 * a training step's weights are new tensors every step (optimizers assign new data), so XNNPACK's
 * packed-weight cache, keyed on the tensor, never applies to them.
 */
function timeMatMul(c: MatMulCase): { ms: number; out: Float32Array } {
  const a = tf.tensor(values(c.a, 3), c.a);
  const b = tf.tensor(values(c.b, 4), c.b);
  let copies: tf.Tensor[] = [];
  const prepare = () => {
    tf.dispose(copies);
    copies = [a.clone(), b.clone()];
  };
  const result = time(() => tf.matMul(copies[0], copies[1], c.ta, c.tb), 9, 2, prepare);
  tf.dispose([a, b, ...copies]);
  return result;
}

async function main(): Promise<void> {
  setWasmPaths(wasmBinaryFolder());
  await tf.setBackend('wasm');
  const before = MATMULS.map(timeMatMul);
  const builtinInputGrads = INPUT_GRADS.map((c) => timeInputGrad(c.x, c.filter, c.stride, 3, 1));
  registerWasmTrainingKernels();
  MATMULS.forEach((c, i) => {
    const after = timeMatMul(c);
    const shapes = { a: c.a, b: c.b, transposeA: c.ta, transposeB: c.tb };
    const result = {
      beforeMs: before[i].ms,
      afterMs: after.ms,
      speedup: Math.round((before[i].ms / after.ms) * 10) / 10,
    };
    console.log(
      JSON.stringify({
        case: c.name,
        kernel: 'BatchMatMul wasm',
        ...shapes,
        ...result,
        relDiff: relDiff(after.out, before[i].out),
      }),
    );
  });
  await benchInputGrads(builtinInputGrads);
  await benchConv('cnn conv1 backprop filter', [64, 32, 32, 1], [3, 3, 1, 16], 1);
  await benchConv('cnn conv2 backprop filter', [64, 32, 32, 16], [3, 3, 16, 32], 2);
}

await main();
