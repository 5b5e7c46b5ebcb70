/**
 * The epoch's statistics on the host, from each tensor's values read once (on wasm a read is a copy
 * out of the heap, far cheaper than the 30–40 small kernel calls per tensor tensor-stats.ts costs).
 * Sums run in float64, which keeps the exact-sum contract without staging: 16M float32 entries add
 * with a relative error near 1e-9. Bin and threshold tests repeat the backend's float32 arithmetic
 * step by step (Math.fround), so counts land in the bins the backend kernels chose.
 */
import type { Activation } from '../experiment/spec.ts';
import { LOG10_BINS, LOG10_MIN, LOG10_STEP } from './grad-quantiles.ts';
import { blasAddon } from './backend/blas.ts';

const f32 = Math.fround;

/** Counts of `bins` equal-width bins over [min, max] as histogramCounts computes them in float32. */
export function histogramF32(v: ArrayLike<number>, min: number, max: number, bins: number): Float64Array {
  const counts = new Float64Array(bins);
  const span = (max - min) / bins;
  if (!(span > 0)) {
    counts[0] = v.length;
    return counts;
  }
  const lo = f32(min);
  const width = f32(span);
  for (let i = 0; i < v.length; i++) {
    // x ≥ min, so the quotient is ≥ 0 and truncation is floor; NaN (a diverged gradient) goes to
    // bin 0, as the backend's int cast of NaN does; `| 0` keeps k a small integer for the index
    const k = f32(f32(v[i] - lo) / width) | 0;
    counts[k >= bins ? bins - 1 : k > 0 ? k : 0]++;
  }
  return counts;
}

const LOG_SCALE = f32(1 / (Math.LN10 * LOG10_STEP));
const LOG_OFFSET = f32(LOG10_MIN / LOG10_STEP);

/** The bin log10Counts (grad-quantiles.ts) gives |x|, in its float32 steps; exact zeros land in bin 0. */
export function log10BinF32(x: number): number {
  const k = Math.floor(f32(f32(f32(Math.log(Math.abs(x))) * LOG_SCALE) - LOG_OFFSET));
  return k >= LOG10_BINS ? LOG10_BINS - 1 : k >= 0 ? k : 0;
}

/**
 * The bin is monotone in |x|, and so in the bits of |x| read as an unsigned integer, and one
 * 0.01-decade bin spans more float32 values than one 2^-8-relative slice of the mantissa does: so a
 * table of the bin at the start of each slice (top 16 bits) plus the first bit pattern of the next
 * bin gives log10BinF32 with one lookup and one comparison instead of a logarithm.
 */
const INF_BITS = 0x7f800000;
let table: { start: Uint16Array; next: Uint32Array } | null = null;

/** The table (built once per thread); the native tier's loops are handed it rather than taking a logarithm. */
export function log10Table() {
  if (table) return table;
  const start = new Uint16Array(1 << 15);
  const next = new Uint32Array(LOG10_BINS + 1).fill(0x7fffffff);
  const bits = new Uint32Array(1);
  const val = new Float32Array(bits.buffer);
  const binOfBits = (u: number) => ((bits[0] = u), log10BinF32(val[0]));
  for (let h = 0; h < 1 << 15; h++) start[h] = binOfBits(h << 16);
  // the first bit pattern of each bin, by bisection within the slice where the bin begins (up to
  // +Infinity's slice: the NaN patterns above it map to bin 0 and are caught before the table)
  for (let h = 0; h < INF_BITS >>> 16; h++) {
    const last = start[h + 1];
    for (let b = start[h] + 1; b <= last; b++) {
      let [lo, hi] = [h << 16, ((h + 1) << 16) >>> 0];
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (binOfBits(mid) >= b) hi = mid;
        else lo = mid;
      }
      next[b] = hi;
    }
  }
  return (table = { start, next });
}

/** log10Counts (grad-quantiles.ts) of the values: the count of log10BinF32 per bin. */
export function log10CountsF32(v: Float32Array): Float64Array {
  const { start, next } = log10Table();
  const counts = new Float64Array(LOG10_BINS);
  const u = new Uint32Array(v.buffer, v.byteOffset, v.length);
  for (let i = 0; i < u.length; i++) {
    const m = u[i] & 0x7fffffff;
    let k = start[m >>> 16];
    // NaN patterns sit above every finite one; the backend's int cast sends them to bin 0
    if (m > INF_BITS) k = 0;
    else while (m >= next[k + 1]) k++;
    counts[k]++;
  }
  return counts;
}

/** Saturated units (stats.saturation's rule) with the thresholds as the float32 the backend compares. */
export function saturatedCountF32(a: ArrayLike<number>, act: Activation): number | null {
  if (act === 'linear') return null;
  let k = 0;
  if (act === 'sigmoid') {
    const [lo, hi] = [f32(0.01), f32(0.99)];
    for (let i = 0; i < a.length; i++) if (a[i] < lo || a[i] > hi) k++;
  } else if (act === 'tanh') {
    const hi = f32(0.99);
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i]) > hi) k++;
  } else for (let i = 0; i < a.length; i++) if (a[i] <= 0) k++;
  return k;
}

/**
 * ‖w‖, ‖w − before‖, ‖before‖, ‖w − start‖, ‖start‖ in one pass (float64: no under- or overflow);
 * on the native tier's loop when it has one and the arrays are Float32Arrays (the same sums, bit for bit).
 */
export function weightNorms(w: ArrayLike<number>, before: ArrayLike<number>, start: ArrayLike<number>) {
  const native = blasAddon()?.weightNorms;
  if (native && w instanceof Float32Array && before instanceof Float32Array && start instanceof Float32Array) {
    const out = new Float64Array(5);
    native(w, before, start, out);
    return norms(out[0], out[1], out[2], out[3], out[4]);
  }
  let ww = 0,
    dd = 0,
    bb = 0,
    de = 0,
    ss = 0;
  for (let i = 0; i < w.length; i++) {
    const x = w[i];
    const b = before[i];
    const s = start[i];
    ww += x * x;
    bb += b * b;
    ss += s * s;
    dd += (x - b) * (x - b);
    de += (x - s) * (x - s);
  }
  return norms(ww, dd, bb, de, ss);
}

function norms(ww: number, dd: number, bb: number, de: number, ss: number) {
  return { w: Math.sqrt(ww), step: Math.sqrt(dd), before: Math.sqrt(bb), epoch: Math.sqrt(de), start: Math.sqrt(ss) };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const native = blasAddon()?.dot;
  if (native && a instanceof Float32Array && b instanceof Float32Array) return native(a, b);
  let s = 0;
  for (let e = 0; e < a.length; e++) s += a[e] * b[e];
  return s;
}

/** Gram matrix G_ij = ⟨g_i, g_j⟩ of K vectors, each given as the same-shaped list of parts it concatenates. */
export function gramOf(vectors: ArrayLike<number>[][]): number[][] {
  const K = vectors.length;
  const G = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let i = 0; i < K; i++)
    for (let j = i; j < K; j++) {
      let s = 0;
      for (let v = 0; v < vectors[i].length; v++) s += dot(vectors[i][v], vectors[j][v]);
      G[i][j] = G[j][i] = s;
    }
  return G;
}
