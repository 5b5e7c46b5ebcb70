import { describe, expect, it } from 'vitest';
import { gradnormStep, gradnormTargets } from '../../../src/train/weighting/gradnorm.ts';

const expectVec = (got: number[], want: number[], digits = 12) => {
  expect(got).toHaveLength(want.length);
  want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, digits));
};

describe('gradnormStep', () => {
  it('computes targets, L_grad and one step by hand', () => {
    // w = (1, 1), G = (2, 6) → Ḡ = 4; L̃ = (1, 3) → mean 2, r = (0.5, 1.5); α = 2 → r^α = (0.25, 2.25)
    // G* = 4·(0.25, 2.25) = (1, 9); G − G* = (1, −3); L_grad = 1 + 3 = 4
    // ∂L_grad/∂w = sign(G − G*)·G/w = (+2, −6); lr = 0.1 → w = (1 − 0.2, 1 + 0.6) = (0.8, 1.6)
    // Σ = 2.4 → renormalised to K = 2: (0.8, 1.6)·2/2.4 = (2/3, 4/3)
    const r = gradnormStep({ weights: [1, 1], gradNorms: [2, 6], lossRatios: [1, 3], alpha: 2, lr: 0.1 });
    expectVec(r.targets, [1, 9]);
    expect(r.gradLoss).toBeCloseTo(4, 12);
    expectVec(r.weights, [2 / 3, 4 / 3]);
  });

  it('divides by the current weight: ∂G_i/∂w_i = G_i / w_i (α = 0 → targets = Ḡ)', () => {
    // w = (0.5, 1.5), G = (1, 3) → Ḡ = 2, G* = (2, 2); G − G* = (−1, 1), L_grad = 2
    // ∂/∂w = (−1/0.5, +3/1.5) = (−2, 2); lr = 0.05 → (0.6, 1.4), Σ = 2 already
    const r = gradnormStep({ weights: [0.5, 1.5], gradNorms: [1, 3], lossRatios: [0.2, 0.9], alpha: 0, lr: 0.05 });
    expectVec(r.targets, [2, 2]);
    expect(r.gradLoss).toBeCloseTo(2, 12);
    expectVec(r.weights, [0.6, 1.4]);
  });

  it('leaves balanced weights alone and keeps Σw = K with three terms (α = 1.5)', () => {
    // equal ratios → r = 1 → G* = Ḡ = 3 = every G: no gradient
    const r = gradnormStep({
      weights: [1, 1, 1],
      gradNorms: [3, 3, 3],
      lossRatios: [0.5, 0.5, 0.5],
      alpha: 1.5,
      lr: 0.5,
    });
    expectVec(r.weights, [1, 1, 1]);
    expect(r.gradLoss).toBe(0);
    // r = (0.5, 1, 1.5): G* = 2·r^1.5 = (0.707107, 2, 3.674235)
    expectVec(gradnormTargets([2, 2, 2], [0.25, 0.5, 0.75], 1.5), [2 * 0.5 ** 1.5, 2, 2 * 1.5 ** 1.5]);
  });

  it('floors a weight pushed below zero before renormalising', () => {
    // as the first case with lr = 1: (1 − 2, 1 + 6) = (−1, 7) → floor (1e-4, 7), Σ = 7.0001
    const r = gradnormStep({ weights: [1, 1], gradNorms: [2, 6], lossRatios: [1, 3], alpha: 2, lr: 1 });
    expectVec(r.weights, [2e-4 / 7.0001, 14 / 7.0001]);
    expect(r.weights[0]).toBeGreaterThan(0);
  });

  it('rejects non-positive weights and mismatched lengths', () => {
    const ok = { gradNorms: [1, 1], lossRatios: [1, 1], alpha: 1.5, lr: 0.1 };
    expect(() => gradnormStep({ ...ok, weights: [0, 2] })).toThrow(RangeError);
    expect(() => gradnormStep({ ...ok, weights: [1, 1, 1] })).toThrow(RangeError);
  });
});
