/** The backend-side statistics agree with the float64 JS reference (closed forms in stats.test.ts). */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { histogram, saturation, summarize } from '../../../src/train/stats.ts';
import { finish } from '../../../src/train/exact-sum.ts';
import { fromSummary, histogramCounts, saturatedCount, summaryVector } from '../../../src/train/tensor-stats.ts';
import { createRng } from '../../../src/util/rng.ts';
import { useCpu } from '../../helpers/tf-cpu.ts';

beforeAll(useCpu);

describe('statistics on the backend', () => {
  const rng = createRng(3);
  const data = Float32Array.from({ length: 5000 }, (_, i) => (i % 50 === 0 ? 0 : rng.normal() * 1e-3));

  it('summary vector matches the JS summary', () => {
    const t = tf.tensor1d(data);
    const v = summaryVector(t);
    const s = fromSummary(v.dataSync(), data.length);
    const js = summarize(data);
    expect(s.l2).toBeCloseTo(js.l2, 8);
    expect(s.std).toBeCloseTo(js.std, 8);
    expect(s.meanAbs).toBeCloseTo(js.meanAbs, 8);
    expect(s.maxAbs).toBeCloseTo(js.maxAbs, 10);
    expect(s.smallFrac).toBe(js.smallFrac);
    expect([s.min, s.max]).toEqual([js.min, js.max].map(Math.fround));
    tf.dispose([t, v]);
  });

  it('a closed form: [3, −4] has L2 5, mean |x| 3.5, std 3.5', () => {
    const v = summaryVector(tf.tensor1d([3, -4]));
    const s = fromSummary(v.dataSync(), 2);
    expect([s.l2, s.meanAbs, s.std, s.maxAbs]).toEqual([5, 3.5, 3.5, 4]);
    v.dispose();
  });

  it('histogram counts match the JS histogram and add up to n', () => {
    const t = tf.tensor1d(data);
    const js = summarize(data);
    const h = histogramCounts(t, js.min, js.max, 64);
    const counts = Array.from(h.dataSync());
    expect(counts.reduce((a, b) => a + b, 0)).toBe(data.length);
    const ref = histogram(data, 64, js.min, js.max).counts;
    // float32 vs float64 bin edges may move a value on an edge by one bin
    expect(counts.reduce((a, c, i) => a + Math.abs(c - ref[i]), 0)).toBeLessThanOrEqual(4);
    tf.dispose([t, h]);
  });

  it('saturation counts match', () => {
    const a = Float32Array.from([0.005, 0.5, 0.995, 0.2, 0, -1]);
    for (const act of ['sigmoid', 'tanh', 'relu'] as const) {
      const c = saturatedCount(tf.tensor1d(a), act)!;
      expect(finish(c.dataSync()) / a.length).toBeCloseTo(saturation(a, act)!, 12);
      c.dispose();
    }
    expect(saturatedCount(tf.tensor1d(a), 'linear')).toBeNull();
  });
});
