import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { planBackpropFilter } from '../../../src/train/backend/conv2d-backprop-filter.ts';
import { ensureConv2DGradient, onCpuAndWasm, relativeDiff, seededValues } from './helpers.ts';
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

/** dW via the Conv2DBackpropFilter kernel of the active backend, on seeded x and dy. */
function filterGrad(c: Case): Float32Array {
  const filterShape: [number, number, number, number] = [c.k, c.k, c.inC, c.outC];
  const xShape = [c.batch, c.size[0], c.size[1], c.inC];
  const info = tf.backend_util.computeConv2DInfo(xShape as never, filterShape, c.stride, 1, c.pad);
  return tf.tidy(() => {
    const x = tf.tensor(seededValues(xShape, 1), xShape);
    const dy = tf.tensor(seededValues(info.outShape, 2), info.outShape);
    const attrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', filterShape };
    const dw = tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, attrs as never) as tf.Tensor;
    expect(dw.shape).toEqual(filterShape);
    return dw.dataSync() as Float32Array;
  });
}

function grid(stride: number, pad: Pad): Case[] {
  const cases: Case[] = [];
  for (const k of [1, 3, 5])
    for (const inC of [1, 3])
      for (const outC of [2, 4])
        for (const size of [
          [7, 7],
          [8, 8],
          [8, 9],
        ] as Array<[number, number]>)
          for (const batch of [1, 3]) cases.push({ batch, size, inC, outC, k, stride, pad });
  return cases;
}

describe('wasm Conv2DBackpropFilter matches cpu', () => {
  beforeAll(async () => {
    await onCpuAndWasm(() => new Float32Array(0));
  });

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

  it('supports explicit numeric padding and stride 3', async () => {
    for (const c of [
      { batch: 2, size: [9, 10], inC: 2, outC: 3, k: 3, stride: 2, pad: 1 },
      { batch: 1, size: [11, 11], inC: 1, outC: 2, k: 5, stride: 3, pad: 'same' },
      { batch: 2, size: [10, 7], inC: 3, outC: 2, k: 3, stride: 3, pad: 'valid' },
    ] as Case[]) {
      const { cpu, wasm } = await onCpuAndWasm(() => filterGrad(c));
      expect(relativeDiff(wasm, cpu), JSON.stringify(c)).toBeLessThan(1e-4);
    }
  });

  it('rejects NCHW with a clear message', async () => {
    await onCpuAndWasm(() => new Float32Array(0));
    const x = tf.zeros([1, 2, 4, 4]);
    const dy = tf.zeros([1, 2, 4, 4]);
    const attrs = { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [1, 1, 2, 2] };
    expect(() => tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, attrs as never)).toThrow(/NHWC only/);
    tf.dispose([x, dy]);
  });

  it('the whole conv gradient through tf.grads matches cpu (dx and dW)', async () => {
    ensureConv2DGradient();
    const xShape = [3, 10, 9, 2];
    const wShape = [3, 3, 2, 4];
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor(seededValues(xShape, 3), xShape);
        const w = tf.tensor(seededValues(wShape, 4), wShape);
        const dy = tf.tensor(seededValues([3, 5, 5, 4], 5), [3, 5, 5, 4]);
        // an explicit dy keeps the tape to the Conv2D gradient alone (see ensureConv2DGradient)
        const f = (xx: tf.Tensor, ww: tf.Tensor) => tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, 2, 'same');
        const [dx, dw] = tf.grads(f)([x, w], dy);
        return Float32Array.from([...dx.dataSync(), ...dw.dataSync()]);
      });
    const { cpu, wasm } = await onCpuAndWasm(run);
    expect(relativeDiff(wasm, cpu)).toBeLessThan(1e-4);
  });
});

describe('planBackpropFilter', () => {
  const plan = (x: number[], k: number, stride: number, pad: Pad) =>
    planBackpropFilter(tf.backend_util.computeConv2DInfo(x as never, [k, k, x[3], 2], stride, 1, pad));

  it('pads top/left as the forward pass and only as much bottom/right as the filter reads', () => {
    // 8 wide, stride 2, 'same', k 3: out 4, forward pad 0 before / 1 after
    expect(plan([1, 8, 8, 1], 3, 2, 'same')).toMatchObject({
      pad: [
        [0, 0],
        [0, 1],
        [0, 1],
        [0, 0],
      ],
      crop: false,
    });
    expect(plan([1, 7, 7, 1], 3, 1, 'same')).toMatchObject({
      pad: [
        [0, 0],
        [1, 1],
        [1, 1],
        [0, 0],
      ],
      crop: false,
    });
  });

  it('crops when the stride leaves rows the filter never reads', () => {
    // 'valid', 8 wide, k 3, stride 2: out 3, reads rows 0..6 only, raw result 4 rows
    expect(plan([1, 8, 8, 1], 3, 2, 'valid')).toMatchObject({ resultH: 4, resultW: 4, crop: true });
  });
});
