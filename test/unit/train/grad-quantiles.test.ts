/**
 * Closed-form checks of the size-free statistics on hand-made tensors: zero share, log10|g|
 * quantiles (nearest rank, 0.01-decade bins), and gradRms/dzRms/updateRatioEpoch through
 * layerRecords on a tiny network.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOG10_BINS, LOG10_MIN, LOG10_STEP, fromLog10Counts, log10Counts } from '../../../src/train/grad-quantiles.ts';
import { createRng } from '../../../src/util/rng.ts';
import { useCpu } from '../../helpers/tf-cpu.ts';

beforeAll(useCpu);

const spread = (values: number[]) => {
  const t = tf.tensor1d(values);
  const c = log10Counts(t);
  const out = fromLog10Counts(c.dataSync(), values.length);
  tf.dispose([t, c]);
  return out;
};

describe('log10 |g| quantiles and the zero share', () => {
  it('100 values 10^(−k/10), k = 1..100, and 25 zeros: quantiles by nearest rank within half a bin', () => {
    // nonzero log10 values −0.1 … −10 (nudged off the bin edges); rank r has log10 = −10 + (r − 1)/10
    const values = [...Array.from({ length: 100 }, (_, k) => 10 ** (-(k + 1) / 10 + 0.003)), ...new Array(25).fill(0)];
    const s = spread(values.map((v, i) => (i % 2 ? -v : v)));
    expect(s.zeroFrac).toBe(25 / 125);
    // ranks ceil(0.05·100) = 5, 50, 95 → log10 −9.6, −5.1, −0.6
    for (const [got, want] of [
      [s.p05, -9.597],
      [s.p50, -5.097],
      [s.p95, -0.597],
    ])
      expect(Math.abs(got! - want!)).toBeLessThanOrEqual(0.005);
    expect(s.p50).toBe(-5.095); // the centre of the bin [−5.10, −5.09)
  });

  it('reaches float32 magnitudes far below 1e-8 (where the old share saturates) and above 1', () => {
    const s = spread([1e-30, 1e-30, 1e-30, 1e-30, 1e-30, 1e-30, 1e-30, 1e-30, 1e-30, 1e3]);
    expect(s.p05).toBeCloseTo(-30, 1);
    expect(s.p50).toBeCloseTo(-30, 1);
    expect(s.p95).toBeCloseTo(3, 1);
    expect(s.zeroFrac).toBe(0);
  });

  it('the smallest float32 subnormal is a nonzero magnitude, not a zero', () => {
    const s = spread([0, 1.401298464324817e-45]);
    expect(s.zeroFrac).toBe(0.5);
    expect(s.p50).toBeCloseTo(-44.855, 2);
  });

  it('an all-zero tensor: zero share 1, no quantiles', () => {
    expect(spread([0, 0, 0, 0])).toEqual({ zeroFrac: 1, p05: null, p50: null, p95: null });
  });

  it('the one-scan decoder gives the nearest-rank bins a scan per quantile gives, on random counts', () => {
    const centre = (b: number) => Math.round((LOG10_MIN + (b + 0.5) * LOG10_STEP) * 1000) / 1000;
    const rng = createRng(9);
    for (let trial = 0; trial < 50; trial++) {
      const c = new Float64Array(LOG10_BINS);
      const hits = 1 + Math.floor(rng.uniform(0, 40));
      for (let h = 0; h < hits; h++) c[Math.floor(rng.uniform(0, LOG10_BINS))] += 1 + Math.floor(rng.uniform(0, 5));
      let nonzero = 0;
      for (let b = 1; b < LOG10_BINS; b++) nonzero += c[b];
      const n = nonzero + c[0];
      const want =
        nonzero === 0
          ? [null, null, null]
          : [0.05, 0.5, 0.95].map((q) => {
              const rank = Math.max(1, Math.ceil(q * nonzero));
              let cum = 0;
              for (let b = 1; b < LOG10_BINS; b++) if ((cum += c[b]) >= rank) return centre(b);
              return centre(LOG10_BINS - 1);
            });
      const got = fromLog10Counts(c, n);
      expect([got.p05, got.p50, got.p95]).toEqual(want);
      expect(got.zeroFrac).toBe(n ? c[0] / n : 0);
    }
  });
});
