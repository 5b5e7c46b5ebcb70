import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SWAP_MIN_WEIGHTS, swapOperands } from '../../../src/train/backend/batch-mat-mul.ts';
import { registerWasmTrainingKernels, wasmTrainingKernelsRegistered } from '../../../src/train/backend/wasm-kernels.ts';
import { wasmTranspose2D } from '../../../src/train/backend/wasm-ops.ts';
import { onCpuAndWasm, relativeDiff, seededValues } from './helpers.ts';
import { setBlasEnabled } from '../../../src/train/backend/blas.ts';

// wasm's own kernels: the path that runs when the native tier is off (blas-*.test.ts test the tier)
setBlasEnabled(false);

/** a·b with the given transposes; a, b laid out so the product is [...batch, m, n]. */
function product(aShape: number[], bShape: number[], ta: boolean, tb: boolean): () => Float32Array {
  return () =>
    tf.tidy(() => {
      const a = tf.tensor(seededValues(aShape, 11), aShape);
      const b = tf.tensor(seededValues(bShape, 12), bShape);
      return tf.matMul(a, b, ta, tb).dataSync() as Float32Array;
    });
}

/** Shapes of a and b for [batch…, m, k] · [batch…, k, n] under the transposes. */
function shapes(batch: number[], m: number, k: number, n: number, ta: boolean, tb: boolean) {
  return { a: [...batch, ...(ta ? [k, m] : [m, k])], b: [...batch, ...(tb ? [n, k] : [k, n])] };
}

const FLAGS: Array<[boolean, boolean]> = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

describe('wasm BatchMatMul transpose wrapper', () => {
  beforeAll(async () => {
    await onCpuAndWasm(() => new Float32Array(0));
  });

  it('is registered, once, however often registration runs', () => {
    registerWasmTrainingKernels();
    const first = tf.getKernel('BatchMatMul', 'wasm')!.kernelFunc;
    registerWasmTrainingKernels();
    expect(tf.getKernel('BatchMatMul', 'wasm')!.kernelFunc).toBe(first);
    expect(wasmTrainingKernelsRegistered()).toBe(true);
  });

  it.each(FLAGS)('2-D, transposeA %s, transposeB %s', async (ta, tb) => {
    const s = shapes([], 7, 13, 5, ta, tb);
    const { cpu, wasm } = await onCpuAndWasm(product(s.a, s.b, ta, tb));
    expect(relativeDiff(wasm, cpu)).toBeLessThan(1e-5);
  });

  it.each(FLAGS)('2-D with n > m (swapped operands where transposed), transposeA %s, transposeB %s', async (ta, tb) => {
    const s = shapes([], 5, 13, 9, ta, tb);
    const { cpu, wasm } = await onCpuAndWasm(product(s.a, s.b, ta, tb));
    expect(relativeDiff(wasm, cpu)).toBeLessThan(1e-5);
  });

  it.each(FLAGS)('3-D with a batch of one (wrapped), transposeA %s, transposeB %s', async (ta, tb) => {
    const s = shapes([1], 9, 6, 5, ta, tb);
    const { cpu, wasm } = await onCpuAndWasm(product(s.a, s.b, ta, tb));
    expect(relativeDiff(wasm, cpu)).toBeLessThan(1e-5);
  });

  it.each(FLAGS)('batched 3-D (passed through), transposeA %s, transposeB %s', async (ta, tb) => {
    const s = shapes([3], 4, 6, 5, ta, tb);
    const { cpu, wasm } = await onCpuAndWasm(product(s.a, s.b, ta, tb));
    expect(relativeDiff(wasm, cpu)).toBeLessThan(1e-5);
  });

  it('broadcasts a batch of one against a batch of three, transposed', async () => {
    const { cpu, wasm } = await onCpuAndWasm(product([1, 6, 4], [3, 5, 6], true, true));
    expect(relativeDiff(wasm, cpu)).toBeLessThan(1e-5);
  });

  it.each([
    ['the CNN dense forward (swapped: wide weights)', [], 64, 8192, 128, false, false],
    ['a CNN-like dense dx (swapped, blocked transpose of the [n, m] result)', [], 64, 128, 2048, false, true],
    ['a CNN-like dense dW (transposed a, not swapped)', [], 2048, 64, 128, true, false],
    ['a large plain product with a batch of one', [1], 3, 4096, 160, false, false],
    ['a transposed b against a batch-of-one a', [1], 6, 40, 1024, false, true],
  ] as Array<[string, number[], number, number, number, boolean, boolean]>)(
    '%s',
    async (_name, batch, m, k, n, ta, tb) => {
      const s = shapes(batch, m, k, n, ta, tb);
      const { cpu, wasm } = await onCpuAndWasm(() => {
        const out = product(s.a, s.b, ta, tb)();
        expect(out.length).toBe(m * n);
        return out;
      });
      expect(relativeDiff(wasm, cpu)).toBeLessThan(1e-5);
    },
  );

  it('handles size-1 axes (where wasm Transpose degenerates to a copy)', async () => {
    const { cpu, wasm } = await onCpuAndWasm(product([1, 9], [9, 1], true, true));
    expect(relativeDiff(wasm, cpu)).toBeLessThan(1e-5);
  });
});

describe('swapOperands', () => {
  const dims = (m: number, k: number, n: number, transposeA: boolean, transposeB: boolean) => ({
    m,
    k,
    n,
    transposeA,
    transposeB,
  });

  it('swaps a·bᵀ when n > m, so the small a is transposed and packed', () => {
    expect(swapOperands(dims(64, 128, 8192, false, true))).toBe(true);
    expect(swapOperands(dims(64, 1024, 128, false, true))).toBe(true);
    expect(swapOperands(dims(128, 256, 64, false, true))).toBe(false);
  });

  it('never swaps aᵀ·b, and a plain a·b only for wide weights', () => {
    expect(swapOperands(dims(8192, 64, 128, true, false))).toBe(false);
    expect(swapOperands(dims(64, 128, 1024, true, false))).toBe(false);
    expect(swapOperands(dims(64, 8192, 128, false, false))).toBe(true);
    expect(swapOperands(dims(128, 784, 256, false, false))).toBe(false);
    expect(swapOperands(dims(256, SWAP_MIN_WEIGHTS / 128, 128, false, false))).toBe(false);
  });
});

describe('wasmTranspose2D', () => {
  it.each([
    [1024, 3],
    [512, 64],
    [288, 7],
    [256, 96],
    [96, 256],
    [784, 5],
    [300, 1],
  ])('[%i, %i] matches cpu', async (r, c) => {
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor2d(seededValues([r, c], 31), [r, c]);
        if (tf.getBackend() === 'cpu') return tf.transpose(x).dataSync() as Float32Array;
        const backend = tf.backend();
        const info = wasmTranspose2D(x, backend);
        expect(info.shape).toEqual([c, r]);
        const out = tf.engine().makeTensorFromTensorInfo(info);
        return out.dataSync() as Float32Array;
      });
    const { cpu, wasm } = await onCpuAndWasm(run);
    expect(relativeDiff(wasm, cpu)).toBe(0);
  });
});

describe('wasm training kernels do not leak', () => {
  /** Buffers the wasm backend holds; counts kernel intermediates the engine never tracked. */
  const backendBuffers = () => tf.backend().numDataIds();

  it('keeps tensor count, bytes and backend data ids flat across repeated calls', async () => {
    await onCpuAndWasm(() => new Float32Array(0));
    const x = tf.tensor(seededValues([3, 9, 8, 2], 21), [3, 9, 8, 2]);
    const dy = tf.tensor(seededValues([3, 5, 4, 4], 22), [3, 5, 4, 4]);
    const a = tf.tensor(seededValues([6, 5], 23), [6, 5]);
    const a3 = tf.tensor(seededValues([1, 6, 5], 24), [1, 6, 5]);
    const big = tf.tensor(seededValues([6, 1024], 25), [6, 1024]);
    const wide = tf.tensor(seededValues([2, 512], 26), [2, 512]);
    const wideWeights = tf.tensor(seededValues([512, 1024], 27), [512, 1024]);
    const attrs = { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 2, 4] };
    const once = () =>
      tf.tidy(() => {
        tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, attrs as never);
        tf.matMul(a, a, true, false);
        tf.matMul(a, a, false, true);
        tf.matMul(a3, tf.transpose(a3, [0, 2, 1]), true, true);
        tf.matMul(a, big, true, false);
        tf.matMul(tf.transpose(a), tf.transpose(big), false, true);
        tf.matMul(wide, wideWeights, false, false);
      });
    once();
    const before = { mem: tf.memory(), ids: backendBuffers() };
    for (let i = 0; i < 25; i++) once();
    const after = tf.memory();
    expect(after.numTensors).toBe(before.mem.numTensors);
    expect(after.numBytes).toBe(before.mem.numBytes);
    expect(backendBuffers()).toBe(before.ids);
    tf.dispose([x, dy, a, a3, big, wide, wideWeights]);
  });
});
