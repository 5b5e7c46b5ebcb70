/**
 * The im2col path of the wasm Conv2DBackpropFilter against cpu's kernel, over the shape grids of
 * conv2d-backprop-filter.test.ts (called directly, so both product orientations run whatever
 * im2colPays would pick), and the choice itself.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { backpropFilterIm2col, im2colPays } from '../../../src/train/backend/conv2d-backprop-filter-im2col.ts';
import { onCpuAndWasm, relativeDiff, seededValues } from './helpers.ts';
import { setBlasEnabled } from '../../../src/train/backend/blas.ts';

// wasm's own kernels: the path that runs when the native tier is off (blas-*.test.ts test the tier)
setBlasEnabled(false);

type Pad = 'same' | 'valid' | number;
interface Case {
  batch: number;
  size: [number, number];
  inC: number;
  outC: number;
  k: number;
  stride: number;
  pad: Pad;
}

const infoOf = (c: Case) =>
  tf.backend_util.computeConv2DInfo([c.batch, ...c.size, c.inC], [c.k, c.k, c.inC, c.outC], c.stride, 1, c.pad);

/** dW on the active backend: cpu's kernel, or on wasm the im2col path itself. */
function filterGrad(c: Case): Float32Array {
  const info = infoOf(c);
  const xShape = [c.batch, c.size[0], c.size[1], c.inC];
  return tf.tidy(() => {
    const x = tf.tensor(seededValues(xShape, 1), xShape);
    const dy = tf.tensor(seededValues(info.outShape, 2), info.outShape);
    const dw =
      tf.getBackend() === 'wasm'
        ? tf.engine().makeTensorFromTensorInfo(backpropFilterIm2col(x, dy, info, tf.backend() as BackendWasm))
        : (tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, {
            strides: c.stride,
            pad: c.pad,
            dataFormat: 'NHWC',
            filterShape: info.filterShape,
          } as never) as tf.Tensor);
    expect(dw.shape).toEqual(info.filterShape);
    return dw.dataSync() as Float32Array;
  });
}

function grid(stride: number, pad: Pad): Case[] {
  const cases: Case[] = [];
  for (const k of [1, 3, 5])
    for (const inC of [1, 3])
      for (const outC of [2, 4, 32])
        for (const size of [
          [7, 7],
          [8, 8],
          [8, 9],
        ] as Array<[number, number]>)
          for (const batch of [1, 3]) cases.push({ batch, size, inC, outC, k, stride, pad });
  return cases;
}

describe('wasm Conv2DBackpropFilter by im2col matches cpu', () => {
  const combos: Array<[number, Pad]> = [
    [1, 'same'],
    [2, 'same'],
    [1, 'valid'],
    [2, 'valid'],
  ];
  it.each(combos)('stride %i, pad %s: kernels 1/3/5, channels, odd/even sizes, batch 1/3', async (stride, pad) => {
    for (const c of grid(stride, pad)) {
      const { cpu, wasm } = await onCpuAndWasm(() => filterGrad(c));
      expect(relativeDiff(wasm, cpu), JSON.stringify(c)).toBeLessThan(1e-4);
    }
  });

  it('explicit numeric padding, stride 3, a window wider than the input, the reference CNN conv1', async () => {
    for (const c of [
      { batch: 2, size: [9, 10], inC: 2, outC: 3, k: 3, stride: 2, pad: 1 },
      { batch: 1, size: [11, 11], inC: 1, outC: 2, k: 5, stride: 3, pad: 'same' },
      { batch: 2, size: [10, 7], inC: 3, outC: 2, k: 3, stride: 3, pad: 'valid' },
      { batch: 2, size: [3, 4], inC: 1, outC: 8, k: 5, stride: 1, pad: 'same' },
      { batch: 8, size: [32, 32], inC: 1, outC: 16, k: 3, stride: 1, pad: 'same' },
    ] as Case[]) {
      const { cpu, wasm } = await onCpuAndWasm(() => filterGrad(c));
      expect(relativeDiff(wasm, cpu), JSON.stringify(c)).toBeLessThan(1e-4);
    }
  });

  it('the registered kernel takes it only where a window holds fewer values than the output channels', () => {
    const pays = (inC: number, outC: number, k = 3) =>
      im2colPays(infoOf({ batch: 64, size: [32, 32], inC, outC, k, stride: 1, pad: 'same' }));
    expect(pays(1, 16)).toBe(true); // 9 < 16: the reference CNN's conv1
    expect(pays(16, 32)).toBe(false); // 144 ≥ 32: conv2
    expect(pays(1, 9)).toBe(false);
    // a patch matrix beyond 64 MB keeps the convolution
    expect(im2colPays(infoOf({ batch: 512, size: [128, 128], inC: 1, outC: 64, k: 3, stride: 1, pad: 'same' }))).toBe(
      false,
    );
  });
});
