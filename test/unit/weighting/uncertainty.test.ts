import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core's Node build registers no gradients; the umbrella does (as src/model/network.ts relies on)
import '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isRegressionTerm, uncertaintyLoss, uncertaintyWeights } from '../../../src/train/weighting/uncertainty.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// L = (2, 3), s = (0, ln 2), regression = (true, false) → c = (½, 1)
const L = [2, 3];
const reg = [true, false];
const s0 = [0, Math.LN2];

const lossAt = (s: number[]) => {
  const losses = L.map((l) => tf.scalar(l));
  const sv = tf.tensor1d(s);
  const f = (x: tf.Tensor) => uncertaintyLoss(losses, x as tf.Tensor1D, reg);
  const value = f(sv);
  const grad = tf.grad(f)(sv);
  const out = { value: value.dataSync()[0], grad: Array.from(grad.dataSync()) };
  tf.dispose([...losses, sv, value, grad]);
  return out;
};

describe('uncertaintyLoss', () => {
  it('is Σ c_i e^{−s_i} L_i + ½ s_i (hand-worked)', () => {
    // ½·1·2 + ½·0 + 1·½·3 + ½·ln 2 = 1 + 1.5 + 0.346574 = 2.846574
    expect(lossAt(s0).value).toBeCloseTo(2.846574, 5);
  });

  it('has ∂/∂s_i = −c_i e^{−s_i} L_i + ½', () => {
    // (−½·1·2 + ½, −1·½·3 + ½) = (−0.5, −1)
    const { grad } = lossAt(s0);
    [-0.5, -1].forEach((g, i) => expect(grad[i]).toBeCloseTo(g, 5));
  });

  it('is stationary at s_i* = log(2 c_i L_i)', () => {
    // s* = (log 2, log 6); value there = Σ (½ + ½ s*) = 1 + ½(log 2 + log 6)
    const { value, grad } = lossAt([Math.log(2), Math.log(6)]);
    grad.forEach((g) => expect(g).toBeCloseTo(0, 5));
    expect(value).toBeCloseTo(1 + 0.5 * Math.log(12), 5);
  });

  it('passes the effective weights c_i e^{−s_i} to the losses and frees its intermediates', () => {
    const losses = L.map((l) => tf.scalar(l));
    const sv = tf.tensor1d(s0);
    const before = tf.memory().numTensors;
    const out = uncertaintyLoss(losses, sv, reg);
    expect(tf.memory().numTensors).toBe(before + 1);
    const dl = tf.grads((a: tf.Tensor, b: tf.Tensor) => uncertaintyLoss([a, b] as tf.Scalar[], sv, reg))(losses);
    const w = uncertaintyWeights(s0, reg);
    // (½·e^0, 1·e^{−ln 2}) = (0.5, 0.5)
    expect(w[0]).toBeCloseTo(0.5, 12);
    expect(w[1]).toBeCloseTo(0.5, 12);
    dl.forEach((g, i) => expect(g.dataSync()[0]).toBeCloseTo(w[i], 6));
    tf.dispose([...losses, sv, out, ...dl]);
  });

  it('classifies terms as regression (½) or classification (1) and checks shapes', () => {
    expect(isRegressionTerm({ kind: 'recon' })).toBe(true);
    expect(isRegressionTerm({ kind: 'seg', loss: 'l1' })).toBe(true);
    expect(isRegressionTerm({ kind: 'seg', loss: 'bce' })).toBe(false);
    expect(isRegressionTerm({ kind: 'cls' })).toBe(false);
    const sv = tf.tensor1d([0, 0, 0]);
    expect(() => uncertaintyLoss([tf.scalar(1)], sv, [true])).toThrow(RangeError);
    tf.dispose(sv);
  });
});
