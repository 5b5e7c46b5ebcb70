import { describe, expect, it } from 'vitest';
import { cosine, histogram, saturation, summarize, updateRatio, vanishingRatio } from '../../../src/train/stats.ts';
import { fans, initKernel, initScale } from '../../../src/model/init.ts';
import { createRng } from '../../../src/util/rng.ts';
import { summarize as s } from '../../../src/train/stats.ts';

describe('statistics against closed forms', () => {
  it('summarize: L2, mean |g|, std, max |g|, share below 1e-8', () => {
    const r = summarize([3, -4, 0, 1e-9]);
    expect(r.l2).toBeCloseTo(5, 12);
    expect(r.meanAbs).toBeCloseTo(7 / 4, 9);
    // mean = −0.25, E[x²] = 25/4 → var = 6.25 − 0.0625
    expect(r.std).toBeCloseTo(Math.sqrt(6.25 - 0.0625), 9);
    expect(r.maxAbs).toBe(4);
    expect(r.smallFrac).toBe(0.5);
    expect([r.min, r.max]).toEqual([-4, 3]);
  });
  it('histogram: equal-width bins, max in the last bin, counts add up', () => {
    const h = histogram([0, 0.1, 0.5, 0.99, 1], 4, 0, 1);
    expect(h.counts).toEqual([2, 0, 1, 2]);
    expect(histogram([2, 2, 2], 3, 2, 2).counts).toEqual([3, 0, 0]);
  });
  it('cosine, update ratio, vanishing ratio', () => {
    expect(cosine([1, 0], [0, 2])).toBe(0);
    expect(cosine([1, 1], [-2, -2])).toBeCloseTo(-1, 12);
    expect(cosine([0, 0], [1, 1])).toBe(0);
    expect(updateRatio([3, 4], [3, 4.5])).toBeCloseTo(0.1, 12);
    expect(vanishingRatio([1e-3, 0.5, 0.1])).toBeCloseTo(1e-2, 12);
    expect(vanishingRatio([0.3])).toBeNull();
  });
  it('saturation by activation', () => {
    expect(saturation([0.005, 0.5, 0.995, 0.2], 'sigmoid')).toBe(0.5);
    expect(saturation([-0.999, 0.5], 'tanh')).toBe(0.5);
    expect(saturation([0, -1, 2, 3], 'relu')).toBe(0.5);
    expect(saturation([1, 2], 'linear')).toBeNull();
  });
});

describe('initialisers', () => {
  it('fans follow Keras for dense and conv kernels', () => {
    expect(fans([784, 256])).toEqual({ fanIn: 784, fanOut: 256 });
    expect(fans([3, 3, 16, 32])).toEqual({ fanIn: 144, fanOut: 288 });
  });
  const cases = [
    ['glorot_uniform', 2 / (400 + 200)],
    ['glorot_normal', 2 / (400 + 200)],
    ['he_uniform', 2 / 400],
    ['he_normal', 2 / 400],
    ['lecun_normal', 1 / 400],
    ['standard', 1 / (3 * 400)],
  ] as const;
  for (const [init, variance] of cases) {
    it(`${init} has variance ${variance.toExponential(2)}`, () => {
      const w = initKernel(init, [400, 200], createRng(1));
      const st = s(w);
      // 80,000 draws: the sample variance is within ~2 % of the truth
      expect(st.std ** 2 / variance).toBeGreaterThan(0.96);
      expect(st.std ** 2 / variance).toBeLessThan(1.04);
    });
  }
  it('standard init is U[−1/√n, 1/√n] (Glorot & Bengio 2010)', () => {
    expect(initScale('standard', 100, 7).uniform).toBeCloseTo(0.1, 12);
    const w = initKernel('standard', [100, 50], createRng(2));
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(0.1);
  });
});
