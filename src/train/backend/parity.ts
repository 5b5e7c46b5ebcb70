/**
 * Parity self-test: a tiny conv + dense network, forward and backward, on fixed seeded inputs,
 * run on a candidate backend and on `cpu` (the reference implementation); the largest absolute
 * difference over the loss, the logits and every gradient is the backend's parity score.
 * It exercises exactly the kernels we patch on wasm: Conv2DBackpropFilter and Conv2DBackpropInput
 * (dW and dx of a stride-2 'same' conv: asymmetric padding on the even height, symmetric on the odd
 * width) and BatchMatMul with transposed operands (the dense layer's backward pass; dx = dy·Wᵀ
 * takes the swapped (W·dyᵀ)ᵀ route). With the native tier on (blas.ts) the same four kernels —
 * Conv2D, BatchMatMul, Conv2DBackpropFilter, Conv2DBackpropInput — run on the BLAS addon, so the
 * test gates the tier too (select.ts switches it off when it fails).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '../../util/rng.ts';

/** Above this the wasm backend is rejected: float32 round-off on these sizes stays near 1e-6. */
export const PARITY_LIMIT = 1e-3;

/**
 * x [2, 8, 9, inC] (even height: asymmetric 'same' padding; odd width: symmetric),
 * conv kernel [3, 3, inC, 4] (stride 2, same → [2, 4, 5, 4]), dense [80, 5] → logits [2, 5].
 * Run with 3 input channels and with 1: the native tier builds a single channel's patches another
 * way (native/blas/src/patches.h), and a grayscale first layer is what most of our CNNs start with.
 */
interface Shapes {
  x: readonly number[];
  conv: readonly number[];
  dense: readonly number[];
}
const shapesFor = (inC: number): Shapes => ({ x: [2, 8, 9, inC], conv: [3, 3, inC, 4], dense: [80, 5] });
const INPUT_CHANNELS = [3, 1];

interface ParityInputs {
  shapes: Shapes;
  x: Float32Array;
  conv: Float32Array;
  dense: Float32Array;
}

function seededInputs(shapes: Shapes): ParityInputs {
  const rng = createRng(20240607);
  const fill = (shape: readonly number[], scale: number) =>
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-scale, scale));
  return { shapes, x: fill(shapes.x, 1), conv: fill(shapes.conv, 0.5), dense: fill(shapes.dense, 0.2) };
}

/** dW [kH, kW, inC, outC] of a conv with x [N, H, W, inC] and output gradient dz, stride 2, 'same'. */
function convFilterGrad(x: tf.Tensor4D, dz: tf.Tensor4D, filterShape: readonly number[]): tf.Tensor {
  const attrs = { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: [...filterShape] };
  return tf
    .engine()
    .runKernel(tf.Conv2DBackpropFilter, { x, dy: dz }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

/**
 * Runs the test network on the active backend, backward pass written out by hand: tfjs-core's
 * Node build registers no gradient functions (the tape needs the umbrella package's), and
 * spelling it out also pins exactly which kernels run. loss = mean(logits²), logits [2, 5].
 * Returns [loss, logits, dx, dConv, dDense] flattened.
 */
function runNetwork(inputs: ParityInputs): Float32Array[] {
  return tf.tidy(() => {
    const { shapes } = inputs;
    const x = tf.tensor4d(inputs.x, [...shapes.x] as [number, number, number, number]);
    const conv = tf.tensor4d(inputs.conv, [...shapes.conv] as [number, number, number, number]);
    const dense = tf.tensor2d(inputs.dense, [...shapes.dense] as [number, number]);
    const z = tf.conv2d(x, conv, 2, 'same');
    const h = tf.tanh(z);
    const flat = tf.reshape(h, [shapes.x[0], -1]) as tf.Tensor2D;
    const logits = tf.matMul(flat, dense);
    const loss = tf.mean(tf.square(logits));
    const dLogits = tf.mul(logits, 2 / logits.size) as tf.Tensor2D;
    const dDense = tf.matMul(flat, dLogits, true, false);
    const dFlat = tf.matMul(dLogits, dense, false, true);
    const dz = tf.mul(tf.reshape(dFlat, z.shape), tf.sub(1, tf.square(h))) as tf.Tensor4D;
    const dConv = convFilterGrad(x, dz, shapes.conv);
    const dx = tf.conv2dTranspose(dz, conv, x.shape, 2, 'same');
    return [loss, logits, dx, dConv, dDense].map((t) => t.dataSync() as Float32Array);
  });
}

function maxAbsDiff(a: Float32Array[], b: Float32Array[]): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i].length !== b[i].length) return Number.POSITIVE_INFINITY;
    for (let j = 0; j < a[i].length; j++) {
      const d = Math.abs(a[i][j] - b[i][j]);
      // NaN on either side must fail the test, not vanish in Math.max
      if (!(d <= worst)) worst = Number.isNaN(d) ? Number.POSITIVE_INFINITY : d;
    }
  }
  return worst;
}

/**
 * Largest |difference| between `backendName` and `cpu` on the test network.
 * Switches backends while it runs and leaves `backendName` active.
 */
export async function parityAgainstCpu(backendName: string): Promise<number> {
  const inputs = INPUT_CHANNELS.map((c) => seededInputs(shapesFor(c)));
  if (!(await tf.setBackend(backendName))) throw new Error(`backend '${backendName}' failed to initialise`);
  const candidate = inputs.flatMap(runNetwork);
  if (!(await tf.setBackend('cpu'))) throw new Error(`backend 'cpu' failed to initialise`);
  const reference = inputs.flatMap(runNetwork);
  await tf.setBackend(backendName);
  return maxAbsDiff(candidate, reference);
}
