import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { resetBlasForTests, setBlasEnabled } from '../../../src/train/backend/blas.ts';
import { registerWasmTrainingKernels, wasmTrainingKernelsRegistered } from '../../../src/train/backend/wasm-kernels.ts';
import { blasMissing, countNativeCalls, onCpuBlasAndWasm, totalCalls, type CallCounts } from './blas-tier.ts';
import { onCpuAndWasm, relativeDiff, seededValues } from './helpers.ts';

/** a·b with the given transposes, on seeded a and b of the given shapes. */
const product = (aShape: number[], bShape: number[], ta: boolean, tb: boolean) => () =>
  tf.tidy(() => {
    const a = tf.tensor(seededValues(aShape, 11), aShape);
    const b = tf.tensor(seededValues(bShape, 12), bShape);
    return tf.matMul(a, b, ta, tb).dataSync() as Float32Array;
  });

/** Operand shapes for [batchA…, m, k] · [batchB…, k, n] under the transposes. */
function shapes(batchA: number[], batchB: number[], [m, k, n]: number[], ta: boolean, tb: boolean) {
  return { a: [...batchA, ...(ta ? [k, m] : [m, k])], b: [...batchB, ...(tb ? [n, k] : [k, n])] };
}

const FLAGS: Array<[boolean, boolean]> = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

/** Checks cpu parity of both paths and that the native one ran (and only when on). */
async function expectBothPaths(fn: () => Float32Array, counts: CallCounts, tolerance: number, label = '') {
  const before = totalCalls(counts);
  const { cpu, blas, wasm } = await onCpuBlasAndWasm(fn);
  const afterOn = totalCalls(counts);
  expect(relativeDiff(blas, cpu), `native ${label}`).toBeLessThan(tolerance);
  expect(relativeDiff(wasm, cpu), `wasm ${label}`).toBeLessThan(tolerance);
  // cpu runs first, then wasm with the tier on (it calls the addon), then off (it must not)
  expect(afterOn, `native calls ${label}`).toBeGreaterThan(before);
  expect(totalCalls(counts), `calls while off ${label}`).toBe(afterOn);
}

describe.skipIf(blasMissing !== null)('native BatchMatMul matches cpu; switched off, wasm’s own runs', () => {
  let counts: CallCounts;
  beforeAll(async () => {
    await onCpuAndWasm(() => new Float32Array(0));
    counts = countNativeCalls();
  });

  it('is registered with the training kernels, once, however often registration runs', () => {
    const names = [tf.BatchMatMul, tf.Conv2D, tf.Conv2DBackpropFilter, tf.Conv2DBackpropInput];
    const first = names.map((n) => tf.getKernel(n, 'wasm')!.kernelFunc);
    registerWasmTrainingKernels();
    names.forEach((n, i) => expect(tf.getKernel(n, 'wasm')!.kernelFunc, n).toBe(first[i]));
    expect(wasmTrainingKernelsRegistered()).toBe(true);
  });

  const cases: Array<[string, number[], number[], number[]]> = [
    ['2-D', [], [], [7, 13, 5]],
    ['2-D with n > m', [], [], [5, 13, 9]],
    ['a batch of one', [1], [1], [9, 6, 5]],
    ['batched (3)', [3], [3], [4, 6, 5]],
    ['batched over two axes (2×3)', [2, 3], [2, 3], [3, 4, 5]],
    ['a batch of one broadcast against three', [1], [3], [6, 4, 5]],
    ['three against a batch of one', [3], [1], [6, 4, 5]],
    ['a rank-2 b under a batch of three', [3], [], [4, 7, 2]],
    ['a rank-2 a over a batch of two', [], [2], [4, 7, 2]],
  ];
  for (const [ta, tb] of FLAGS)
    it.each(cases)(`%s, transposeA ${ta}, transposeB ${tb}`, async (_name, batchA, batchB, mkn) => {
      const s = shapes(batchA, batchB, mkn, ta, tb);
      await expectBothPaths(product(s.a, s.b, ta, tb), counts, 1e-5);
    });

  it('runs CNN-like dense products (wide weights, transposed operands)', async () => {
    for (const [m, k, n, ta, tb] of [
      [64, 2048, 128, false, false],
      [64, 128, 2048, false, true],
      [2048, 64, 128, true, false],
    ] as Array<[number, number, number, boolean, boolean]>) {
      const s = shapes([], [], [m, k, n], ta, tb);
      await expectBothPaths(product(s.a, s.b, ta, tb), counts, 1e-5, `${m}×${k}×${n}`);
    }
  });

  it('is deterministic: the same product twice gives the same bits', async () => {
    await onCpuAndWasm(() => new Float32Array(0));
    const run = product([3, 33, 65], [65, 17], false, false);
    expect(run()).toEqual(run());
  });

  it('switched off, gives exactly what wasm gives without the addon', async () => {
    await onCpuAndWasm(() => new Float32Array(0));
    const runs = FLAGS.map(([ta, tb]) => {
      const s = shapes([2], [2], [9, 31, 7], ta, tb);
      return product(s.a, s.b, ta, tb);
    });
    setBlasEnabled(false);
    const off = runs.map((r) => r());
    resetBlasForTests({ ok: false, reason: 'absent in this test', next: null });
    const absent = runs.map((r) => r());
    counts = countNativeCalls();
    off.forEach((o, i) => expect(o).toEqual(absent[i]));
  });
});

describe.skipIf(blasMissing !== null)('native kernels do not leak', () => {
  it('keeps tensor count, bytes and backend data ids flat across repeated calls', async () => {
    await onCpuAndWasm(() => new Float32Array(0));
    const x = tf.tensor(seededValues([3, 9, 8, 2], 21), [3, 9, 8, 2]);
    const w = tf.tensor(seededValues([3, 3, 2, 4], 22), [3, 3, 2, 4]);
    const a = tf.tensor(seededValues([2, 6, 5], 23), [2, 6, 5]);
    const once = () =>
      tf.tidy(() => {
        const y = tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'same');
        const attrs = { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: w.shape, inputShape: x.shape };
        tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy: y }, attrs as never);
        tf.engine().runKernel(tf.Conv2DBackpropInput, { dy: y, filter: w }, attrs as never);
        tf.matMul(a, a, true, false);
        tf.matMul(a, tf.reshape(a, [12, 5]), false, true);
      });
    once();
    const before = { mem: tf.memory(), ids: tf.backend().numDataIds() };
    for (let i = 0; i < 10; i++) once();
    expect(tf.memory().numTensors).toBe(before.mem.numTensors);
    expect(tf.memory().numBytes).toBe(before.mem.numBytes);
    expect(tf.backend().numDataIds()).toBe(before.ids);
    tf.dispose([x, w, a]);
  });
});
