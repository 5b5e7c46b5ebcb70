import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { identityAliasRegistered } from '../../../src/train/backend/wasm-kernels.ts';
import { configureWasm } from '../../../src/train/backend/wasm.ts';
import { seededValues } from './helpers.ts';

describe('Identity on wasm shares the buffer instead of copying it', () => {
  beforeAll(async () => {
    configureWasm();
    await tf.setBackend('wasm');
  });

  it('is registered with the training kernels', () => {
    expect(identityAliasRegistered()).toBe(true);
  });

  it('a clone sits at its source’s heap offset, reads the same values, and outlives its source', () => {
    const values = seededValues([64, 33], 7);
    const x = tf.tensor2d(values, [64, 33]);
    const y = tf.clone(x);
    // one buffer on the heap for both
    const backend = tf.backend() as unknown as { getMemoryOffset(id: tf.DataId): number };
    expect(backend.getMemoryOffset(y.dataId)).toBe(backend.getMemoryOffset(x.dataId));
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual(Array.from(values));
    y.dispose();
  });

  it('string tensors still copy (they live off the heap)', () => {
    const s = tf.tensor1d(['a', 'b']);
    const c = tf.clone(s);
    s.dispose();
    expect(c.dataSync()).toEqual(['a', 'b']);
    c.dispose();
  });

  it('gradients recorded through saved (cloned) tensors equal the copying kernel’s, bit for bit', () => {
    const run = () =>
      tf.tidy(() => {
        const w = tf.variable(tf.tensor2d(seededValues([16, 8], 3), [16, 8]));
        const x = tf.tensor2d(seededValues([32, 16], 4), [32, 16]);
        const { grads } = tf.variableGrads(() => tf.mean(tf.square(tf.tanh(tf.matMul(x, w)))) as tf.Scalar, [w]);
        const out = Float32Array.from(grads[w.name].dataSync());
        w.dispose();
        return out;
      });
    const aliased = run();
    const kernel = tf.getKernel(tf.Identity, 'wasm')!;
    tf.unregisterKernel(tf.Identity, 'wasm');
    tf.registerKernel({
      ...kernel,
      kernelFunc: ({ inputs, backend }) => {
        const x = inputs.x as tf.TensorInfo;
        const b = backend as unknown as {
          makeOutput(s: number[], d: string): tf.TensorInfo;
          typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
        };
        const out = b.makeOutput(x.shape, x.dtype);
        b.typedArrayFromHeap(out).set(b.typedArrayFromHeap(x));
        return out;
      },
    });
    try {
      expect(Array.from(run())).toEqual(Array.from(aliased));
    } finally {
      tf.unregisterKernel(tf.Identity, 'wasm');
      tf.registerKernel(kernel);
    }
  });
});
