import { describe, expect, it } from 'vitest';
import { equalWeights, fixedWeights } from '../../../src/train/weighting/index.ts';

describe('fixedWeights', () => {
  it('keeps the spec weights without λ', () => {
    expect(fixedWeights({ weights: [1, 2, 0.3], primaryIndex: 0, mainTerms: 2 })).toEqual([1, 2, 0.3]);
  });

  it('gives the primary λ and the other main task 1 − λ; aux heads keep theirs', () => {
    const w = fixedWeights({ weights: [1, 1, 0.3, 0.5], lambda: 0.7, primaryIndex: 1, mainTerms: 2 });
    expect(w[0]).toBeCloseTo(0.3, 12);
    expect(w[1]).toBe(0.7);
    expect(w.slice(2)).toEqual([0.3, 0.5]);
    expect(fixedWeights({ weights: [5, 5], lambda: 1, primaryIndex: 0, mainTerms: 2 })).toEqual([1, 0]);
  });

  it('rejects λ without exactly two main tasks, and negative weights', () => {
    expect(() => fixedWeights({ weights: [1, 1, 1], lambda: 0.5, primaryIndex: 0, mainTerms: 3 })).toThrow(RangeError);
    expect(() => fixedWeights({ weights: [1, -1], primaryIndex: 0, mainTerms: 2 })).toThrow(RangeError);
  });

  it('equalWeights(K) is K ones', () => {
    expect(equalWeights(3)).toEqual([1, 1, 1]);
  });
});
