import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBlas, setBlasEnabled } from '../../../src/train/backend/blas.ts';
import { isLeadingAxes } from '../../../src/train/backend/blas-sum.ts';
import { onCpuAndWasm, relativeDiff, seededValues } from './helpers.ts';

const tier = loadBlas();

describe('isLeadingAxes', () => {
  it('is every axis but the last, in any order or sign, and nothing else', () => {
    expect(isLeadingAxes([0, 1, 2], 4)).toBe(true);
    expect(isLeadingAxes([2, -4, 1], 4)).toBe(true);
    expect(isLeadingAxes(0, 2)).toBe(true);
    expect(isLeadingAxes([0, 1], 4)).toBe(false);
    expect(isLeadingAxes([1, 2, 3], 4)).toBe(false);
    expect(isLeadingAxes([0, 1, 2, 3], 4)).toBe(false);
    expect(isLeadingAxes(0, 1)).toBe(false);
  });
});

describe.skipIf(!tier.ok)('Sum over leading axes on the native tier', () => {
  afterEach(() => setBlasEnabled(true));

  const cases: Array<{ shape: number[]; axis: number | number[]; keepDims: boolean }> = [
    { shape: [4, 6, 5, 16], axis: [0, 1, 2], keepDims: false },
    { shape: [3, 7, 9, 1], axis: [-2, -3, -4], keepDims: false },
    { shape: [64, 1024], axis: 0, keepDims: false },
    { shape: [2, 5, 3], axis: [0, 1], keepDims: true },
    { shape: [5, 3], axis: [1], keepDims: false }, // innermost: wasm's own Sum
  ];
  for (const c of cases) {
    it(`sum(${JSON.stringify(c.shape)}, axis ${JSON.stringify(c.axis)}, keepDims ${c.keepDims}) matches cpu`, async () => {
      const values = seededValues(c.shape, 11);
      let shape: number[] = [];
      const { cpu, wasm } = await onCpuAndWasm(() =>
        tf.tidy(() => {
          const s = tf.sum(tf.tensor(values, c.shape), c.axis, c.keepDims);
          shape = s.shape;
          return s.dataSync() as Float32Array;
        }),
      );
      expect(relativeDiff(wasm, cpu)).toBeLessThan(1e-6);
      const expected = tf.tidy(() => tf.sum(tf.tensor(values, c.shape), c.axis, c.keepDims).shape);
      expect(shape).toEqual(expected);
    });
  }

  it('with the tier switched off, wasm’s own Sum runs and agrees', async () => {
    const values = seededValues([8, 4, 4, 6], 5);
    const run = () => tf.tidy(() => tf.sum(tf.tensor(values, [8, 4, 4, 6]), [0, 1, 2]).dataSync() as Float32Array);
    const { wasm: native } = await onCpuAndWasm(run);
    setBlasEnabled(false);
    const plain = run();
    expect(relativeDiff(native, plain)).toBeLessThan(1e-6);
  });
});
