/**
 * MGDA — Sener & Koltun, "Multi-Task Learning as Multi-Objective Optimization", NeurIPS 2018
 * (arXiv:1810.04650), the min-norm subproblem of their Algorithm 2 (MGDA-UB when the caller passes
 * gradients w.r.t. the shared representation Z instead of the shared parameters):
 *
 *   α* = argmin_{α ≥ 0, Σα = 1} ‖Σ_i α_i g_i‖² = argmin αᵀ G α,   G_ij = g_i · g_j
 *
 * K = 2 has the closed form α_1 = clip((g_2 − g_1)·g_2 / ‖g_1 − g_2‖², 0, 1)
 *                               = clip((G22 − G12) / (G11 + G22 − 2 G12), 0, 1), α_2 = 1 − α_1.
 * K ≥ 3 uses Frank–Wolfe with away steps and exact line search (Lacoste-Julien & Jaggi 2015), which
 * converges linearly on the simplex, stopped by the duality gap — a certificate:
 * αᵀGα − min_i (Gα)_i ≤ tol · max_i G_ii implies αᵀGα − f* ≤ 2 · tol · max_i G_ii.
 * The weights are plain numbers: K ≤ a handful, so this is microseconds of CPU.
 */
import * as tf from '@tensorflow/tfjs-core';
import { WEIGHTING_INFO } from '../../experiment/weighting-info.ts';
import type { PerTermStrategy } from './strategy.ts';

export interface MinNormOptions {
  /** stop when the Frank–Wolfe gap ≤ tol · max_i G_ii (default 1e-10) */
  tol?: number;
  /** iteration cap for K ≥ 3 (default 1000) */
  maxIter?: number;
}

/** G = M Mᵀ for M = stack(grads) [K, N]: a K×K array, one download. */
export function gramMatrix(grads: tf.Tensor1D[]): number[][] {
  if (grads.length === 0) throw new RangeError('gramMatrix needs at least one gradient');
  const k = grads.length;
  const g = tf.tidy(() => {
    const m = tf.stack(grads) as tf.Tensor2D;
    return tf.matMul(m, m, false, true);
  });
  const flat = g.dataSync();
  g.dispose();
  return Array.from({ length: k }, (_, i) => Array.from(flat.subarray(i * k, (i + 1) * k)));
}

/** α_1 of the two-gradient problem; ½ when g_1 = g_2 (every α is then optimal). */
export function minNormTwo(g11: number, g12: number, g22: number): number {
  const denom = g11 + g22 - 2 * g12; // ‖g_1 − g_2‖²
  if (!(denom > 1e-12 * Math.max(g11, g22, 1e-30))) return 0.5;
  return Math.min(1, Math.max(0, (g22 - g12) / denom));
}

/** αᵀ G α = ‖Σ α_i g_i‖². */
export function minNormValue(gram: number[][], alpha: number[]): number {
  return dot(alpha, matVec(gram, alpha));
}

/** The min-norm convex weights α (K numbers, α ≥ 0, Σα = 1) for the Gram matrix G [K×K]. */
export function minNormWeights(gram: number[][], opts: MinNormOptions = {}): number[] {
  checkGram(gram);
  const k = gram.length;
  if (k === 1) return [1];
  if (k === 2) {
    const a = minNormTwo(gram[0][0], gram[0][1], gram[1][1]);
    return [a, 1 - a];
  }
  return frankWolfe(gram, opts.tol ?? 1e-10, opts.maxIter ?? 1000);
}

/** Σ_i w_i g_i, shape [N]. The caller disposes the result. */
export function combineGrads(grads: tf.Tensor1D[], weights: number[]): tf.Tensor1D {
  if (grads.length === 0 || grads.length !== weights.length)
    throw new RangeError(`combineGrads: ${grads.length} gradients, ${weights.length} weights`);
  return tf.tidy(() => tf.addN(grads.map((g, i) => tf.mul(g, weights[i]))) as tf.Tensor1D);
}

function checkGram(gram: number[][]): void {
  const k = gram.length;
  if (k === 0) throw new RangeError('minNormWeights needs a non-empty Gram matrix');
  for (const row of gram) {
    if (row.length !== k) throw new RangeError(`Gram matrix is not square (${k} rows, a row of ${row.length})`);
    if (!row.every(Number.isFinite)) throw new RangeError('Gram matrix has a non-finite entry');
  }
}

function frankWolfe(gram: number[][], tol: number, maxIter: number): number[] {
  const diag = gram.map((row, i) => row[i]);
  const scale = Math.max(...diag, 1e-30);
  // start at the shortest single gradient
  const start = argBy(diag, (x, y) => x < y);
  let a: number[] = diag.map((_, i) => (i === start ? 1 : 0));
  for (let it = 0; it < maxIter; it++) {
    const ga = matVec(gram, a);
    const f = dot(a, ga);
    const s = argBy(ga, (x, y) => x < y);
    const v = argBy(
      ga,
      (x, y) => x > y,
      (i) => a[i] > 0,
    );
    const gapFw = f - ga[s];
    if (gapFw <= tol * scale) break;
    const away = ga[v] - f > gapFw;
    a = lineStep(gram, a, ga, away ? v : s, away);
  }
  const sum = a.reduce((x, y) => x + y, 0);
  return a.map((x) => x / sum);
}

/** One exact-line-search step: towards vertex `t` (Frank–Wolfe) or away from it (away step). */
function lineStep(gram: number[][], a: number[], ga: number[], t: number, away: boolean): number[] {
  const d = a.map((x, i) => (away ? x - (i === t ? 1 : 0) : (i === t ? 1 : 0) - x));
  const gmax = away ? a[t] / (1 - a[t]) : 1;
  const dGd = dot(d, matVec(gram, d));
  const slope = dot(d, ga); // ½ of the directional derivative of αᵀGα
  const gamma = dGd > 0 ? Math.min(gmax, Math.max(0, -slope / dGd)) : gmax;
  const next = a.map((x, i) => Math.max(0, x + gamma * d[i]));
  if (away && gamma === gmax) next[t] = 0; // drop step: vertex t leaves the support exactly
  return next;
}

function matVec(m: number[][], x: number[]): number[] {
  return m.map((row) => dot(row, x));
}

function dot(x: number[], y: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** Index of the best element by `better`, among the indices `allowed` admits. */
function argBy(x: number[], better: (p: number, q: number) => boolean, allowed = (_i: number) => true): number {
  let best = -1;
  x.forEach((v, i) => {
    if (allowed(i) && (best < 0 || better(v, x[best]))) best = i;
  });
  return best;
}

/** Unweighted term gradients in; α of the last step out as the weights in force (they sum to 1). */
export const mgdaStrategy: PerTermStrategy = {
  info: WEIGHTING_INFO.mgda,
  needsTaskGrads: true,
  start: ({ plan }) => {
    const K = plan.terms.length;
    return {
      initialWeights: new Array<number>(K).fill(1 / K),
      termScale: () => new Array<number>(K).fill(1),
      combine: (st, shared) => {
        st.weights = minNormWeights(gramMatrix(shared));
        return combineGrads(shared, st.weights);
      },
    };
  },
};
