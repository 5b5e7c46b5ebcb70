import { describe, expect, it } from 'vitest';
import { dwaWeights } from '../../../src/train/weighting/dwa.ts';

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe('dwaWeights', () => {
  it('is all ones before two epochs are complete', () => {
    expect(dwaWeights([], 2, 3)).toEqual([1, 1, 1]);
    expect(dwaWeights([[0.7, 0.2]], 2)).toEqual([1, 1]);
  });

  it('weights by the softmax of the last two epochs’ loss ratios (hand-worked, T = 2)', () => {
    // only the last two rows count: r = (2/4, 2/2, 2/1) = (0.5, 1, 2)
    // exp(r/2) = (e^0.25, e^0.5, e^1) = (1.284025, 1.648721, 2.718282), Σ = 5.651029
    // w = 3 · exp(r/2)/Σ = (0.681659, 0.875268, 1.443073)
    const w = dwaWeights(
      [
        [100, 100, 100],
        [4, 2, 1],
        [2, 2, 2],
      ],
      2,
    );
    [0.681659, 0.875268, 1.443073].forEach((x, i) => expect(w[i]).toBeCloseTo(x, 5));
    expect(sum(w)).toBeCloseTo(3, 12);
  });

  it('uses the temperature: T → ∞ flattens, small T sharpens', () => {
    const h = [
      [1, 1],
      [0.5, 1],
    ]; // r = (0.5, 1)
    dwaWeights(h, 1e6).forEach((x) => expect(x).toBeCloseTo(1, 5));
    // T = 0.5: w2/w1 = e^{(1 − 0.5)/0.5} = e
    const w = dwaWeights(h, 0.5);
    expect(w[1] / w[0]).toBeCloseTo(Math.E, 10);
    expect(sum(w)).toBeCloseTo(2, 12);
  });

  it('takes r = 1 for a zero previous loss, and r = 0 for a loss that reached zero', () => {
    expect(
      dwaWeights(
        [
          [0, 1],
          [0, 1],
        ],
        2,
      ),
    ).toEqual([1, 1]);
    // r = (1 [guarded 3/0], 1) → equal
    dwaWeights(
      [
        [0, 2],
        [3, 2],
      ],
      2,
    ).forEach((x) => expect(x).toBeCloseTo(1, 12));
    // r = (0, 1): w = 2·(1, e^{0.5})/(1 + e^{0.5})
    const w = dwaWeights(
      [
        [1, 2],
        [0, 2],
      ],
      2,
    );
    expect(w[0]).toBeCloseTo(2 / (1 + Math.exp(0.5)), 12);
  });

  it('rejects a bad temperature, ragged history and an empty history without K', () => {
    expect(() => dwaWeights([[1], [1]], 0)).toThrow(RangeError);
    expect(() => dwaWeights([[1, 2], [1]], 2)).toThrow(RangeError);
    expect(() => dwaWeights([], 2)).toThrow(RangeError);
  });
});
