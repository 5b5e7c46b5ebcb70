/**
 * PCGrad — Yu, Kumar, Gupta, Levine, Hausman & Finn, "Gradient Surgery for Multi-Task Learning",
 * NeurIPS 2020 (arXiv:2001.06782), Algorithm 1.
 *
 * For every loss term i, start from g_i^PC = g_i and visit the other terms j in a random order;
 * when g_i^PC · g_j < 0 (the two conflict), remove the conflicting component:
 *
 *   g_i^PC ← g_i^PC − (g_i^PC · g_j / ‖g_j‖²) · g_j
 *
 * always projecting onto the ORIGINAL g_j (as in the paper and its reference code), never onto
 * g_j^PC. The update direction is Σ_i g_i^PC.
 *
 * Shapes: every grads[i] is a Tensor1D [N], the flattened gradient of loss term i on the shared
 * parameters; all N equal. Everything stays in tf ops (no per-pair download) inside one tidy.
 */
import * as tf from '@tensorflow/tfjs-core';
import { WEIGHTING_INFO } from '../../experiment/weighting-info.ts';
import { createRng, type Rng } from '../../util/rng.ts';
import { specWeights } from './fixed.ts';
import type { PerTermStrategy } from './strategy.ts';

/**
 * order(i) = the indices of the other loss terms, in the order term i is projected against them.
 * Any array-like is accepted (e.g. what `Rng.shuffle` returns); an i in its own order is skipped.
 */
export type PcgradOrder = (i: number) => ArrayLike<number>;

export interface PcgradResult {
  /** Σ_i g_i^PC, shape [N] */
  grad: tf.Tensor1D;
  /** number of projections applied (pairs (i, j) found in conflict), a float32 scalar */
  conflicts: tf.Scalar;
}

function checkGrads(grads: tf.Tensor1D[]): void {
  if (grads.length === 0) throw new RangeError('pcgrad needs at least one gradient');
  const n = grads[0].shape[0];
  grads.forEach((g, i) => {
    if (g.rank !== 1 || g.shape[0] !== n)
      throw new RangeError(`pcgrad: grads[${i}] has shape [${g.shape}], expected [${n}]`);
  });
}

function checkedOrder(order: PcgradOrder, i: number, k: number): number[] {
  const js = Array.from(order(i));
  for (const j of js)
    if (!Number.isInteger(j) || j < 0 || j >= k)
      throw new RangeError(`pcgrad: order(${i}) names ${j}, outside 0..${k - 1}`);
  // a term never conflicts with itself in the paper's loop; tolerate callers that shuffle all K
  return js.filter((j) => j !== i);
}

/**
 * PCGrad with its conflict count. The caller owns (and must dispose) both returned tensors.
 * A zero g_j never triggers a projection (its dot product is 0), so no division by zero occurs.
 */
export function pcgradWithConflicts(grads: tf.Tensor1D[], order: PcgradOrder): PcgradResult {
  checkGrads(grads);
  const orders = grads.map((_, i) => checkedOrder(order, i, grads.length));
  return tf.tidy(() => {
    // ‖g_j‖², floored so that 0 / 0 cannot appear (the numerator is 0 whenever g_j = 0)
    const normSq = grads.map((g) => tf.maximum(tf.dot(g, g), 1e-30));
    let total: tf.Tensor1D = tf.zerosLike(grads[0]);
    let conflicts: tf.Scalar = tf.scalar(0);
    grads.forEach((gi, i) => {
      let pc: tf.Tensor1D = gi;
      for (const j of orders[i]) {
        const dot = tf.dot(pc, grads[j]) as tf.Scalar;
        // min(dot, 0): 0 when the pair does not conflict, so g_i^PC is unchanged
        const coef = tf.div(tf.minimum(dot, 0), normSq[j]);
        pc = tf.sub(pc, tf.mul(coef, grads[j]));
        conflicts = tf.add(conflicts, tf.cast(tf.less(dot, 0), 'float32'));
      }
      total = tf.add(total, pc);
    });
    return { grad: total, conflicts };
  });
}

/** Σ_i g_i^PC, shape [N] (see the module comment). The caller disposes the result. */
export function pcgrad(grads: tf.Tensor1D[], order: PcgradOrder): tf.Tensor1D {
  const { grad, conflicts } = pcgradWithConflicts(grads, order);
  conflicts.dispose();
  return grad;
}

/**
 * How many projections PCGrad applies for this order (one download). To get both the direction and
 * the count for the same random order, call `pcgradWithConflicts` once instead.
 */
export function pcgradConflicts(grads: tf.Tensor1D[], order: PcgradOrder): number {
  const { grad, conflicts } = pcgradWithConflicts(grads, order);
  grad.dispose();
  const n = conflicts.dataSync()[0];
  conflicts.dispose();
  return n;
}

/** An order that visits the other K − 1 terms freshly shuffled by `rng` on every call. */
export function shuffledOthers(k: number, rng: Pick<Rng, 'shuffle'>): PcgradOrder {
  return (i) => rng.shuffle(Array.from({ length: k }, (_, j) => j).filter((j) => j !== i));
}

/**
 * Surgery on the spec-weighted term gradients w_i ∇L_i (w from the spec, λ included), each term
 * visiting the others in an order drawn from the run's own seeded generator.
 */
export const pcgradStrategy: PerTermStrategy = {
  info: WEIGHTING_INFO.pcgrad,
  needsTaskGrads: true,
  start: (ctx) => {
    const order = shuffledOthers(ctx.plan.terms.length, createRng(ctx.spec.seed).fork('pcgrad'));
    return {
      initialWeights: specWeights(ctx),
      termScale: (st) => st.weights,
      combine: (_st, shared) => pcgrad(shared, order),
    };
  },
};
