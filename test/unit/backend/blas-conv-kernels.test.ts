import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setBlasEnabled } from '../../../src/train/backend/blas.ts';
import { conv2DBackpropFilterWasm } from '../../../src/train/backend/conv2d-backprop-filter.ts';
import { conv2DBackpropInputWasm } from '../../../src/train/backend/conv2d-backprop-input.ts';
import { blasMissing, countNativeCalls, onCpuBlasAndWasm, type CallCounts } from './blas-tier.ts';
import { onCpuAndWasm, relativeDiff, seededValues } from './helpers.ts';

type Pad = 'same' | 'valid' | number | number[][];
type Kind = 'Conv2D' | 'Conv2DBackpropFilter' | 'Conv2DBackpropInput';
type Shape4 = [number, number, number, number];

interface Case {
  batch: number;
  size: [number, number];
  inC: number;
  outC: number;
  k: number;
  stride: number;
  pad: Pad;
  dilation?: number;
}

const COUNTER: Record<Kind, keyof CallCounts> = {
  Conv2D: 'conv2d',
  Conv2DBackpropFilter: 'conv2dBackpropFilter',
  Conv2DBackpropInput: 'conv2dBackpropInput',
};

/** The kernel `kind` on the active backend, on seeded operands of case `c` (NHWC). */
function runConv(kind: Kind, c: Case): Float32Array {
  const xShape: Shape4 = [c.batch, c.size[0], c.size[1], c.inC];
  const filterShape: Shape4 = [c.k, c.k, c.inC, c.outC];
  const dilations = c.dilation ?? 1;
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, c.stride, dilations, c.pad as never);
  const attrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', dilations, filterShape, inputShape: xShape };
  return tf.tidy(() => {
    const t = (shape: number[], seed: number) => tf.tensor(seededValues(shape, seed), shape);
    const inputs: tf.NamedTensorMap =
      kind === 'Conv2D'
        ? { x: t(xShape, 1), filter: t(filterShape, 2) }
        : kind === 'Conv2DBackpropFilter'
          ? { x: t(xShape, 1), dy: t(info.outShape, 3) }
          : { dy: t(info.outShape, 3), filter: t(filterShape, 2) };
    const out = tf.engine().runKernel(kind, inputs, attrs as never) as tf.Tensor;
    expect(out.shape).toEqual(
      kind === 'Conv2D' ? info.outShape : kind === 'Conv2DBackpropFilter' ? filterShape : xShape,
    );
    return out.dataSync() as Float32Array;
  });
}

function grid(stride: number, pad: Pad): Case[] {
  const cases: Case[] = [];
  for (const k of [1, 3, 5])
    for (const [inC, outC] of [
      [1, 4],
      [3, 2],
      [16, 16],
    ])
      for (const size of [
        [7, 7],
        [8, 9],
      ] as Array<[number, number]>)
        for (const batch of [1, 3]) cases.push({ batch, size, inC, outC, k, stride, pad });
  return cases;
}

const KINDS: Kind[] = ['Conv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput'];

describe.skipIf(blasMissing !== null)('native convolutions match cpu; switched off, wasm’s own run', () => {
  let counts: CallCounts;
  beforeAll(async () => {
    await onCpuAndWasm(() => new Float32Array(0));
    counts = countNativeCalls();
  });

  async function expectParity(kind: Kind, cases: Case[]): Promise<void> {
    for (const c of cases) {
      const before = counts[COUNTER[kind]];
      const { cpu, blas, wasm } = await onCpuBlasAndWasm(() => runConv(kind, c));
      expect(relativeDiff(blas, cpu), `native ${JSON.stringify(c)}`).toBeLessThan(1e-5);
      expect(relativeDiff(wasm, cpu), `wasm ${JSON.stringify(c)}`).toBeLessThan(1e-4);
      expect(counts[COUNTER[kind]], `one native call ${JSON.stringify(c)}`).toBe(before + 1);
    }
  }

  const combos = KINDS.flatMap((kind) =>
    ([1, 2] as const).flatMap((s) => (['same', 'valid'] as Pad[]).map((p): [Kind, number, Pad] => [kind, s, p])),
  );
  it.each(combos)(
    '%s, stride %i, pad %s: kernels 1/3/5, channels 1/3/16, odd/even sizes, batch 1/3',
    async (kind, s, p) => {
      await expectParity(kind, grid(s, p));
    },
  );

  it.each(KINDS)('%s with explicit, asymmetric and over-wide pads, stride 3', async (kind) => {
    await expectParity(kind, [
      { batch: 2, size: [9, 10], inC: 2, outC: 3, k: 3, stride: 2, pad: 1 },
      { batch: 1, size: [11, 11], inC: 1, outC: 2, k: 5, stride: 3, pad: 'same' },
      { batch: 2, size: [5, 5], inC: 3, outC: 2, k: 3, stride: 1, pad: 4 },
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
    ]);
  });

  it('Conv2D with dilation 2 (same and valid, strides 1)', async () => {
    for (const pad of ['same', 'valid'] as Pad[])
      await expectParity('Conv2D', [
        { batch: 3, size: [9, 8], inC: 3, outC: 4, k: 3, stride: 1, pad, dilation: 2 },
        { batch: 1, size: [12, 11], inC: 16, outC: 2, k: 5, stride: 1, pad, dilation: 2 },
        { batch: 2, size: [10, 9], inC: 1, outC: 3, k: 3, stride: 1, pad, dilation: 2 },
      ]);
  });

  it('the reference CNN’s shapes (28×28×1 → 16, 14×14×16 → 32, stride 2, same)', async () => {
    for (const kind of KINDS)
      await expectParity(kind, [
        { batch: 8, size: [28, 28], inC: 1, outC: 16, k: 3, stride: 2, pad: 'same' },
        { batch: 8, size: [14, 14], inC: 16, outC: 32, k: 3, stride: 2, pad: 'same' },
      ]);
  });

  it('leaves NCHW to wasm’s own kernel (no native call)', async () => {
    const before = counts.conv2dBackpropInput;
    const dy = tf.tensor(seededValues([1, 3, 3, 3], 1), [1, 3, 3, 3]);
    const filter = tf.tensor(seededValues([3, 3, 2, 3], 2), [3, 3, 2, 3]);
    const attrs = { strides: 2, pad: 'same', dataFormat: 'NCHW', inputShape: [1, 2, 6, 5] };
    const run = () => tf.engine().runKernel(tf.Conv2DBackpropInput, { dy, filter }, attrs as never) as tf.Tensor;
    const wasm = run().dataSync() as Float32Array;
    expect(counts.conv2dBackpropInput).toBe(before);
    await tf.setBackend('cpu');
    expect(relativeDiff(wasm, run().dataSync() as Float32Array)).toBeLessThan(1e-4);
    await tf.setBackend('wasm');
  });

  it('switched off, the gradients are bit for bit the pre-existing wasm kernels', async () => {
    await onCpuAndWasm(() => new Float32Array(0));
    const c: Case = { batch: 3, size: [9, 8], inC: 3, outC: 5, k: 3, stride: 2, pad: 'same' };
    const direct = (kernel: typeof conv2DBackpropFilterWasm) => (args: Parameters<tf.KernelFunc>[0]) =>
      kernel(args as never);
    setBlasEnabled(false);
    try {
      for (const [kind, kernel] of [
        ['Conv2DBackpropFilter', conv2DBackpropFilterWasm],
        ['Conv2DBackpropInput', conv2DBackpropInputWasm],
      ] as const) {
        const viaRegistry = runConv(kind, c);
        const config = tf.getKernel(kind, 'wasm')!;
        tf.unregisterKernel(kind, 'wasm');
        tf.registerKernel({ ...config, kernelFunc: direct(kernel) as tf.KernelFunc });
        try {
          expect(runConv(kind, c)).toEqual(viaRegistry);
        } finally {
          tf.unregisterKernel(kind, 'wasm');
          tf.registerKernel(config);
        }
      }
    } finally {
      setBlasEnabled(true);
    }
  });
});
