/**
 * The host statistics (host-stats.ts) that replaced the backend's per-tensor kernels in an epoch's
 * records: every bin count equals the backend kernel's on wasm (the float32 steps are repeated
 * exactly), and the weight norms and task Gram agree with the float64 reference.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/train/backend/select.ts';
import { log10Counts } from '../../../src/train/grad-quantiles.ts';
import {
  gramOf,
  histogramF32,
  log10BinF32,
  log10CountsF32,
  saturatedCountF32,
  weightNorms,
} from '../../../src/train/host-stats.ts';
import { dot, l2, summarize } from '../../../src/train/stats.ts';
import { histogramCounts, saturatedCount } from '../../../src/train/tensor-stats.ts';
import { finish } from '../../../src/train/exact-sum.ts';
import { createRng } from '../../../src/util/rng.ts';

beforeAll(async () => {
  await selectBackend('wasm');
});

const backend = (f: () => tf.Tensor) => {
  const t = f();
  const v = Array.from(t.dataSync());
  t.dispose();
  return v;
};

/** Magnitudes over every float32 decade, both signs, exact zeros, and the exact 0.01-decade edges. */
function spread(n: number): Float32Array {
  const rng = createRng(7);
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = i % 97 === 0 ? 0 : (rng.next() < 0.5 ? -1 : 1) * 10 ** (rng.next() * 83 - 45);
  for (let i = 0; i < 8500 && 2 * i + 1 < n; i++) a[2 * i + 1] = 10 ** (-46 + i * 0.01);
  return a;
}

describe('host statistics equal the backend kernels', () => {
  it('log10 bin counts: the table lookup equals log10BinF32 and the wasm kernel, bin for bin', () => {
    const v = spread(200_000);
    const host = log10CountsF32(v);
    const direct = new Float64Array(host.length);
    for (const x of v) direct[log10BinF32(x)]++;
    expect(Array.from(host)).toEqual(Array.from(direct));
    const wasm = backend(() => tf.tidy(() => log10Counts(tf.tensor1d(v))));
    const off = wasm.reduce((s, c, i) => s + Math.abs(c - host[i]), 0);
    // logf and Math.log may round an entry on a bin edge apart: allow 1 in 10^4 entries to move
    expect(off).toBeLessThanOrEqual(v.length / 1e4);
    expect(finish(host)).toBe(v.length);
  });

  it('every float32 bit pattern class: random patterns, NaN and ±Infinity', () => {
    const u = new Uint32Array(100_000);
    const rng = createRng(11);
    for (let i = 0; i < u.length; i++) u[i] = Math.floor(rng.next() * 2 ** 32) >>> 0;
    u.set([0x7fc00000, 0x7f800000, 0xff800000, 0x80000000, 1], 0);
    const v = new Float32Array(u.buffer);
    const direct = new Float64Array(8500);
    for (const x of v) direct[log10BinF32(x)]++;
    expect(Array.from(log10CountsF32(v))).toEqual(Array.from(direct));
  });

  it('histogram counts equal histogramCounts on wasm', () => {
    const rng = createRng(5);
    const v = Float32Array.from({ length: 100_000 }, () => rng.normal() * 1e-3);
    const s = summarize(v);
    for (const bins of [4, 64, 256]) {
      const wasm = backend(() => histogramCounts(tf.tensor1d(v), s.min, s.max, bins));
      expect(Array.from(histogramF32(v, s.min, s.max, bins))).toEqual(wasm);
    }
    expect(Array.from(histogramF32(new Float32Array(5).fill(2), 2, 2, 4))).toEqual([5, 0, 0, 0]);
  });

  it('saturation counts equal saturatedCount on wasm, the float32 thresholds included', () => {
    const edges = [0.01, 0.99, -0.99, 0, -0, 1e-9].map(Math.fround);
    const v = Float32Array.from([...edges, ...Array.from({ length: 5000 }, (_, i) => Math.sin(i) * 1.2)]);
    for (const act of ['sigmoid', 'tanh', 'relu'] as const) {
      const wasm = finish(backend(() => saturatedCount(tf.tensor1d(v), act)!));
      expect(saturatedCountF32(v, act)).toBe(wasm);
    }
    expect(saturatedCountF32(v, 'linear')).toBeNull();
  });

  it('weight norms and the Gram matrix against the float64 reference, tiny values included', () => {
    const rng = createRng(9);
    const w = Float32Array.from({ length: 10_000 }, () => rng.normal() * 1e-30);
    const b = Float32Array.from(w, (x, i) => x + (i % 3) * 1e-33);
    const s = Float32Array.from(w, (x) => x * 2);
    const n = weightNorms(w, b, s);
    const diff = (p: Float32Array, q: Float32Array) => Float64Array.from(p, (x, i) => x - q[i]);
    expect(n.w / l2(w)).toBeCloseTo(1, 12);
    expect(n.step / l2(diff(w, b))).toBeCloseTo(1, 12);
    expect(n.epoch / l2(diff(w, s))).toBeCloseTo(1, 12);
    expect([n.before / l2(b), n.start / l2(s)].map((r) => +r.toFixed(12))).toEqual([1, 1]);
    const G = gramOf([
      [w.subarray(0, 10), w.subarray(10)],
      [s.subarray(0, 10), s.subarray(10)],
    ]);
    expect(G[0][1]).toBe(G[1][0]);
    expect(G[0][1] / dot(w, s)).toBeCloseTo(1, 12);
    expect(G[1][1] / dot(s, s)).toBeCloseTo(1, 12);
  });
});
