/**
 * Kernel benchmark for the wasm training kernels: `npx tsx bench/kernels.ts`.
 * Prints one JSON line per case:
 * - Conv2DBackpropFilter, cpu vs wasm (ours), on the reference CNN's shapes (batch 64);
 * - BatchMatMul transposed forms on wasm, before vs after the transpose-first wrapper.
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
 * and the last result. `fn` returns a tensor, never a typed array from inside tf.tidy: tidy walks
 * a returned container element by element (~13 ms for 32k floats, more than the product itself).
 */
function time(fn: () => tf.Tensor, reps: number, warmup: number): { ms: number; out: Float32Array } {
  const once = () => {
    const t = fn();
    const values = t.dataSync() as Float32Array;
    t.dispose();
    return values;
  };
  let out: Float32Array = new Float32Array(0);
  for (let i = 0; i < warmup; i++) out = once();
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    out = once();
    ms.push(performance.now() - t0);
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
  const result = { cpuMs: cpu.ms, wasmMs: wasm.ms, speedup: Math.round(cpu.ms / wasm.ms), relDiffVsCpu: relDiff(wasm.out, cpu.out) };
  console.log(JSON.stringify({ ...line, ...result }));
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
];

/**
 * Operands are created once (as a training step reuses its weights, so XNNPACK's packed-weight
 * cache applies to the plain product); the timed call is the product plus reading it.
 */
function matMulRun(c: MatMulCase): { run: () => tf.Tensor; dispose: () => void } {
  const a = tf.tensor(values(c.a, 3), c.a);
  const b = tf.tensor(values(c.b, 4), c.b);
  const run = () => tf.matMul(a, b, c.ta, c.tb);
  return { run, dispose: () => tf.dispose([a, b]) };
}

function timeMatMul(c: MatMulCase): { ms: number; out: Float32Array } {
  const { run, dispose } = matMulRun(c);
  const result = time(run, 9, 2);
  dispose();
  return result;
}

async function main(): Promise<void> {
  setWasmPaths(wasmBinaryFolder());
  await tf.setBackend('wasm');
  const before = MATMULS.map(timeMatMul);
  registerWasmTrainingKernels();
  MATMULS.forEach((c, i) => {
    const after = timeMatMul(c);
    const shapes = { a: c.a, b: c.b, transposeA: c.ta, transposeB: c.tb };
    const result = { beforeMs: before[i].ms, afterMs: after.ms, speedup: Math.round((before[i].ms / after.ms) * 10) / 10 };
    console.log(JSON.stringify({ case: c.name, kernel: 'BatchMatMul wasm', ...shapes, ...result, relDiff: relDiff(after.out, before[i].out) }));
  });
  await benchConv('cnn conv1 backprop filter', [64, 32, 32, 1], [3, 3, 1, 16], 1);
  await benchConv('cnn conv2 backprop filter', [64, 32, 32, 16], [3, 3, 16, 32], 2);
}

await main();
