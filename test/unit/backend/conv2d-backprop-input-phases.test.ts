/** The sub-pixel (per-phase) input gradient of strided convolutions: its geometry, and parity with cpu. */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { phaseAxis } from '../../../src/train/backend/conv2d-backprop-input-phases.ts';
import { onCpuAndWasm, relativeDiff, seededValues } from './helpers.ts';
import { setBlasEnabled } from '../../../src/train/backend/blas.ts';

// wasm's own kernels: the path that runs when the native tier is off (blas-*.test.ts test the tier)
setBlasEnabled(false);

/** dx by brute force along one axis: which taps reach input row y, and from which dy rows. */
function contributions(inSize: number, k: number, s: number, p: number, outSize: number, y: number) {
  const out: Array<[number, number]> = [];
  for (let oy = 0; oy < outSize; oy++) for (let kh = 0; kh < k; kh++) if (oy * s + kh - p === y) out.push([oy, kh]);
  return out;
}

describe('phaseAxis', () => {
  it('pairs every input row with exactly the dy rows and taps of the forward pass', () => {
    for (const [inSize, k, s, p] of [
      [32, 3, 2, 0],
      [9, 5, 3, 2],
      [8, 1, 2, 0],
      [7, 3, 2, 4],
      [10, 4, 3, 1],
    ]) {
      const outSize = Math.floor((inSize + 2 * p - k) / s) + 1;
      for (let r = 0; r < s; r++) {
        const a = phaseAxis(inSize, k, s, p, outSize, r);
        expect(a.length).toBe(Math.max(0, Math.ceil((inSize - r) / s)));
        for (let j = 0; j < a.length; j++) {
          // the correlation's output j + cropStart reads padded dy rows j + cropStart + u, u < taps,
          // with tap kh0 + s·(taps − 1 − u); padded row i is dy row i − before
          const got: Array<[number, number]> = [];
          for (let u = 0; u < a.taps; u++) {
            const oy = j + a.cropStart + u - a.before;
            if (oy >= 0 && oy < outSize) got.push([oy, a.kh0 + s * (a.taps - 1 - u)]);
          }
          const want = contributions(inSize, k, s, p, outSize, r + s * j);
          expect(got.sort(), JSON.stringify({ inSize, k, s, p, r, j })).toEqual(want.sort());
          // and the padded dy is long enough for every output read
          expect(j + a.cropStart + a.taps - 1).toBeLessThan(outSize + a.before + a.after);
        }
      }
    }
  });

  it('gives a phase no taps when the kernel is narrower than the stride', () => {
    expect(phaseAxis(8, 1, 2, 0, 4, 1).taps).toBe(0);
  });
});

describe('per-phase Conv2DBackpropInput matches cpu', () => {
  it.each([
    [[2, 1], 'same'],
    [[1, 3], 'valid'],
    [[3, 2], 'same'],
    [
      [2, 2],
      [
        [0, 0],
        [2, 0],
        [0, 3],
        [0, 0],
      ],
    ],
  ] as const)('strides %j, pad %j', async (strides, pad) => {
    const xShape: [number, number, number, number] = [2, 9, 8, 3];
    const filterShape: [number, number, number, number] = [3, 2, 3, 4];
    const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, [...strides], 1, pad as never);
    const run = () =>
      tf.tidy(() => {
        const dy = tf.tensor(seededValues(info.outShape, 3), info.outShape);
        const filter = tf.tensor(seededValues(filterShape, 4), filterShape);
        const attrs = { strides, pad, dataFormat: 'NHWC', inputShape: xShape };
        return (
          tf.engine().runKernel(tf.Conv2DBackpropInput, { dy, filter }, attrs as never) as tf.Tensor
        ).dataSync() as Float32Array;
      });
    const { cpu, wasm } = await onCpuAndWasm(run);
    expect(cpu.length).toBe(2 * 9 * 8 * 3);
    expect(relativeDiff(wasm, cpu)).toBeLessThan(1e-5);
  });
});
