import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { planBackpropInput } from '../../../src/train/backend/conv2d-backprop-input.ts';
import { ensureConv2DGradient, onCpuAndWasm, relativeDiff, seededValues } from './helpers.ts';
import { setBlasEnabled } from '../../../src/train/backend/blas.ts';

// wasm's own kernels: the path that runs when the native tier is off (blas-*.test.ts test the tier)
setBlasEnabled(false);

type Pad = 'same' | 'valid' | number | number[][];

interface Case {
  batch: number;
  size: [number, number];
  inC: number;
  outC: number;
  k: number;
  stride: number;
  pad: Pad;
}

type Shape4 = [number, number, number, number];

/** dx via the Conv2DBackpropInput kernel of the active backend, on seeded dy and filter. */
function inputGrad(c: Case, dataFormat: 'NHWC' | 'NCHW' = 'NHWC'): Float32Array {
  const filterShape: Shape4 = [c.k, c.k, c.inC, c.outC];
  const xShape: Shape4 = [c.batch, c.size[0], c.size[1], c.inC];
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, c.stride, 1, c.pad as never);
  const toFormat = (s: number[]) => (dataFormat === 'NHWC' ? s : [s[0], s[3], s[1], s[2]]);
  return tf.tidy(() => {
    const dyShape = toFormat(info.outShape);
    const dy = tf.tensor(seededValues(dyShape, 1), dyShape);
    const filter = tf.tensor(seededValues(filterShape, 2), filterShape);
    const attrs = { strides: c.stride, pad: c.pad, dataFormat, inputShape: toFormat(xShape) };
    const dx = tf.engine().runKernel(tf.Conv2DBackpropInput, { dy, filter }, attrs as never) as tf.Tensor;
    expect(dx.shape).toEqual(toFormat(xShape));
    return dx.dataSync() as Float32Array;
  });
}

function grid(stride: number, pad: Pad): Case[] {
  const cases: Case[] = [];
  for (const k of [1, 3, 5])
    for (const [inC, outC] of [
      [1, 2],
      [4, 3],
      [3, 1],
    ])
      for (const size of [
        [7, 7],
        [8, 8],
        [8, 9],
      ] as Array<[number, number]>)
        for (const batch of [1, 3]) cases.push({ batch, size, inC, outC, k, stride, pad });
  return cases;
}

async function expectParity(cases: Case[]): Promise<void> {
  for (const c of cases) {
    const { cpu, wasm } = await onCpuAndWasm(() => inputGrad(c));
    expect(relativeDiff(wasm, cpu), JSON.stringify(c)).toBeLessThan(1e-4);
  }
}

describe('wasm Conv2DBackpropInput (via Conv2D) matches cpu', () => {
  beforeAll(async () => {
    await onCpuAndWasm(() => new Float32Array(0));
  });

  const combos: Array<[number, Pad]> = [1, 2, 3].flatMap((s) =>
    (['same', 'valid', 1] as Pad[]).map((p): [number, Pad] => [s, p]),
  );
  it.each(combos)('stride %i, pad %s: kernels 1/3/5, channels 1–4, odd/even sizes, batch 1/3', async (stride, pad) => {
    await expectParity(grid(stride, pad));
  });

  it('handles explicit asymmetric pads and pads wider than the kernel (cropped result)', async () => {
    await expectParity([
      {
        batch: 2,
        size: [9, 8],
        inC: 2,
        outC: 3,
        k: 3,
        stride: 2,
        pad: [
          [0, 0],
          [2, 0],
          [1, 3],
          [0, 0],
        ],
      },
      { batch: 1, size: [6, 7], inC: 1, outC: 2, k: 1, stride: 2, pad: 2 },
      { batch: 2, size: [5, 5], inC: 3, outC: 2, k: 3, stride: 1, pad: 4 },
      {
        batch: 1,
        size: [10, 11],
        inC: 2,
        outC: 4,
        k: 5,
        stride: 3,
        pad: [
          [0, 0],
          [0, 6],
          [6, 0],
          [0, 0],
        ],
      },
    ]);
  });

  it('handles the reference CNN’s shape (32×32×16 → 16×16×32, stride 2, same)', async () => {
    await expectParity([{ batch: 4, size: [32, 32], inC: 16, outC: 32, k: 3, stride: 2, pad: 'same' }]);
  });

  it('leaves NCHW to wasm’s own kernel', async () => {
    const c: Case = { batch: 2, size: [6, 5], inC: 2, outC: 3, k: 3, stride: 2, pad: 'same' };
    const { cpu, wasm } = await onCpuAndWasm(() => inputGrad(c, 'NCHW'));
    expect(relativeDiff(wasm, cpu)).toBeLessThan(1e-4);
  });

  it('the whole conv gradient through tf.grads matches cpu (dx and dW)', async () => {
    ensureConv2DGradient();
    const run = (xShape: Shape4, wShape: Shape4, stride: number, pad: 'same' | 'valid') => () =>
      tf.tidy(() => {
        const x = tf.tensor4d(seededValues(xShape, 3), xShape);
        const w = tf.tensor4d(seededValues(wShape, 4), wShape);
        const f = (xx: tf.Tensor, ww: tf.Tensor) => tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, stride, pad);
        const outShape = f(x, w).shape;
        // an explicit dy keeps the tape to the Conv2D gradient alone (see ensureConv2DGradient)
        const dy = tf.tensor(seededValues(outShape, 5), outShape);
        const [dx, dw] = tf.grads(f)([x, w], dy);
        return Float32Array.from([...dx.dataSync(), ...dw.dataSync()]);
      });
    for (const [xShape, wShape, stride, pad] of [
      [[3, 10, 9, 2], [3, 3, 2, 4], 2, 'same'],
      [[2, 11, 8, 3], [5, 5, 3, 2], 3, 'valid'],
      [[1, 7, 7, 4], [3, 3, 4, 4], 1, 'same'],
    ] as Array<[Shape4, Shape4, number, 'same' | 'valid']>) {
      const { cpu, wasm } = await onCpuAndWasm(run(xShape, wShape, stride, pad));
      expect(relativeDiff(wasm, cpu), JSON.stringify([xShape, wShape, stride, pad])).toBeLessThan(1e-4);
    }
  });

  it('keeps tensor count, bytes and backend data ids flat across repeated calls', async () => {
    await onCpuAndWasm(() => new Float32Array(0));
    const cases: Case[] = [
      { batch: 3, size: [9, 8], inC: 2, outC: 4, k: 3, stride: 2, pad: 'same' },
      { batch: 1, size: [7, 7], inC: 1, outC: 2, k: 3, stride: 1, pad: 'valid' },
      { batch: 2, size: [6, 7], inC: 2, outC: 2, k: 1, stride: 2, pad: 2 },
    ];
    const once = () => cases.forEach((c) => inputGrad(c));
    once();
    const before = { mem: tf.memory(), ids: tf.backend().numDataIds() };
    for (let i = 0; i < 25; i++) once();
    expect(tf.memory().numTensors).toBe(before.mem.numTensors);
    expect(tf.memory().numBytes).toBe(before.mem.numBytes);
    expect(tf.backend().numDataIds()).toBe(before.ids);
  });
});

describe('planBackpropInput', () => {
  const plan = (x: Shape4, k: number, stride: number, pad: Pad) =>
    planBackpropInput(tf.backend_util.computeConv2DInfo(x, [k, k, x[3], 2], stride, 1, pad as never));

  it('pads k − 1 − padBefore in front and whatever makes the result the input size behind', () => {
    // 32 → 16, stride 2, 'same', k 3: forward pads 0 before / 1 after; dy dilated to 32 rows
    expect(plan([1, 32, 32, 1], 3, 2, 'same')).toMatchObject({
      pad: [
        [0, 0],
        [2, 0],
        [2, 0],
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
    // 'valid', 8 wide, k 3, stride 2: out 3 → dilated 6; rows 7 never read in the forward pass
    expect(plan([1, 8, 8, 1], 3, 2, 'valid')).toMatchObject({
      pad: [
        [0, 0],
        [2, 2],
        [2, 2],
        [0, 0],
      ],
      crop: false,
    });
  });

  it('crops when a forward pad is wider than k − 1', () => {
    expect(plan([1, 6, 6, 1], 1, 2, 2)).toMatchObject({
      pad: [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      cropTop: 2,
      cropLeft: 2,
      crop: true,
    });
  });
});
