/**
 * Issue 9: on wasm, a plain tf.sum loses 2.7e-4 relative at 1M entries. Every backend statistic
 * must be within 1e-6 relative of float64 (stats.ts) on wasm at 1M, 4M and 16M entries — random
 * data, data with a large common offset (std), and tiny magnitudes whose squares underflow float32.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/train/backend/select.ts';
import { finish, readAll } from '../../../src/train/exact-sum.ts';
import { cosine, l2, saturation, summarize } from '../../../src/train/stats.ts';
import {
  fromGram,
  fromNorm,
  fromSummary,
  gramVector,
  normVector,
  saturatedCount,
  summaryVector,
} from '../../../src/train/tensor-stats.ts';
import { createRng } from '../../../src/util/rng.ts';

const TOL = 1e-6;
const rel = (got: number, want: number) => (want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want));

/** n float32 values offset + scale·N(0, 1), every 50th an exact zero (a sparse, ReLU-like gradient). */
function sample(n: number, seed: number, scale: number, offset = 0): Float32Array {
  const rng = createRng(seed);
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = i % 50 === 0 ? 0 : offset + scale * rng.normal();
  return a;
}

/** The backend summary of `data` next to the float64 reference, as relative errors. */
function summaryErrors(data: Float32Array) {
  const t = tf.tensor1d(data);
  const [v] = readAll([summaryVector(t)]);
  t.dispose();
  const got = fromSummary(v, data.length);
  const want = summarize(data);
  expect([got.min, got.max, got.smallFrac]).toEqual([want.min, want.max, want.smallFrac]);
  return {
    l2: rel(got.l2, want.l2),
    meanAbs: rel(got.meanAbs, want.meanAbs),
    std: rel(got.std, want.std),
    maxAbs: rel(got.maxAbs, want.maxAbs),
    mean: rel(got.mean, want.mean),
  };
}

function expectAllWithin(errors: Record<string, number>, tol = TOL) {
  for (const [name, e] of Object.entries(errors)) expect(e, `relative error of ${name}`).toBeLessThanOrEqual(tol);
}

beforeAll(async () => {
  await selectBackend('wasm');
  expect(tf.getBackend()).toBe('wasm');
});

describe('exact statistics on wasm', () => {
  for (const n of [1 << 20, 1 << 22]) {
    it(`random data, ${n} entries: every summary statistic within 1e-6 of float64`, () => {
      expectAllWithin(summaryErrors(sample(n, 1, 1e-3, 1e-4)));
    });
  }

  it('16M entries (a 4096×4096 kernel)', () => {
    expectAllWithin(summaryErrors(sample(16 * (1 << 20), 2, 0.02, 0.001)));
  }, 60_000);

  it('a large common offset: std of 1000 + N(0, 0.01) keeps its digits', () => {
    expectAllWithin(summaryErrors(sample(1 << 20, 3, 0.01, 1000)));
  });

  it('tiny magnitudes (1e-20, 1e-30) whose squares underflow float32', () => {
    for (const scale of [1e-20, 1e-30]) {
      const data = sample(1 << 20, 4, scale, scale / 10);
      expectAllWithin(summaryErrors(data));
      const t = tf.tensor1d(data);
      const [v] = readAll([normVector(t)]);
      t.dispose();
      expect(fromNorm(v)).toBeGreaterThan(0);
      expect(rel(fromNorm(v), l2(data))).toBeLessThanOrEqual(TOL);
    }
  });

  it('weight norm and update ratio at 4M entries, an update 1e-9 of the weights', () => {
    const before = sample(1 << 22, 5, 0.05);
    const step = sample(1 << 22, 6, 5e-11);
    const after = before.map((w, i) => w + step[i]);
    const [tb, ta] = [tf.tensor1d(before), tf.tensor1d(after)];
    const [vb, va, vd] = readAll([normVector(tb), normVector(ta), tf.tidy(() => normVector(tf.sub(ta, tb)))]);
    tf.dispose([tb, ta]);
    const diff = after.map((a, i) => a - before[i]); // float32 a − b, what the backend subtracts
    expect(rel(fromNorm(va), l2(after))).toBeLessThanOrEqual(TOL);
    expect(rel(fromNorm(vd) / fromNorm(vb), l2(diff) / l2(before))).toBeLessThanOrEqual(TOL);
  });

  it('task gradient norms and cosines of three 1M-entry gradients, one of them 1e-20 small', () => {
    const g = [sample(1 << 20, 7, 1e-3), sample(1 << 20, 8, 1e-20), sample(1 << 20, 9, 1e-3)];
    g[2] = g[2].map((x, i) => x + 0.5 * g[0][i]);
    // each gradient arrives as two variables, as shared trunk gradients do
    const parts = g.map((a) => [tf.tensor1d(a.subarray(0, 1000)), tf.tensor1d(a.subarray(1000))]);
    const [v] = readAll([gramVector(parts)]);
    tf.dispose(parts.flat());
    const G = fromGram(v, 3);
    for (let i = 0; i < 3; i++) {
      expect(rel(Math.sqrt(G[i][i]), l2(g[i]))).toBeLessThanOrEqual(TOL);
      for (let j = i + 1; j < 3; j++) {
        const cos = G[i][j] / Math.sqrt(G[i][i] * G[j][j]);
        // a cosine near 0 has no relative scale; its error is measured against 1
        expect(Math.abs(cos - cosine(g[i], g[j]))).toBeLessThanOrEqual(TOL);
      }
    }
    expect(Math.abs(G[0][2] / Math.sqrt(G[0][0] * G[2][2]))).toBeGreaterThan(0.4);
  });

  it('saturation counts at 4M entries are exact', () => {
    const a = sample(1 << 22, 10, 0.6, 0.5);
    const t = tf.tensor1d(a);
    for (const act of ['sigmoid', 'tanh', 'relu'] as const) {
      const [c] = readAll([saturatedCount(t, act)!]);
      expect(finish(c) / a.length).toBe(saturation(a, act));
    }
    t.dispose();
  });
});
