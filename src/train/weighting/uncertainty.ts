/**
 * Homoscedastic uncertainty weighting — Kendall, Gal & Cipolla, "Multi-Task Learning Using
 * Uncertainty to Weigh Losses for Scene Geometry and Semantics", CVPR 2018 (arXiv:1705.07115),
 * eqs. (7)–(10), in the log-variance form the paper recommends for numerical stability:
 *
 *   L = Σ_i c_i · exp(−s_i) · L_i + ½ s_i,   s_i = log σ_i²  (trainable, one per loss term)
 *
 * with c_i = ½ for a regression likelihood (Gaussian: 1/(2σ²)·L + log σ) and c_i = 1 for a
 * classification likelihood (softmax with temperature σ²: 1/σ²·L + log σ). The regulariser
 * log σ = ½ s stops σ from growing without bound.
 *
 * ∂L/∂s_i = −c_i e^{−s_i} L_i + ½, so for a fixed L_i the optimum is s_i* = log(2 c_i L_i): the
 * effective weight c_i e^{−s_i*} = 1 / (2 L_i) shrinks as a term's loss grows.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TaskKind } from '../../experiment/spec.ts';
import { WEIGHTING_INFO } from '../../experiment/weighting-info.ts';
import type { CombinedLossStrategy } from './strategy.ts';

/** c_i: ½ for a regression term, 1 for a classification term. */
function coefficient(regression: boolean): number {
  return regression ? 0.5 : 1;
}

/**
 * Is a loss term a regression likelihood? `recon` (MSE) and `seg` with L1 are; `cls` (softmax
 * cross-entropy) and `seg` with BCE (per-pixel Bernoulli) are classification.
 */
export function isRegressionTerm(t: { kind: TaskKind; loss?: 'bce' | 'l1' }): boolean {
  return t.kind === 'recon' || (t.kind === 'seg' && t.loss === 'l1');
}

/**
 * The combined loss Σ_i c_i·exp(−s_i)·L_i + ½ s_i, a scalar, differentiable w.r.t. both the losses
 * and `logVars` (once gradient functions are registered: tfjs-core's Node build has none; importing
 * `@tensorflow/tfjs` registers them, as src/model/network.ts does).
 * @param losses K scalar loss terms L_i
 * @param logVars s = log σ² [K], the trainable variable
 * @param regression K flags choosing c_i
 */
export function uncertaintyLoss(losses: tf.Scalar[], logVars: tf.Tensor1D, regression: boolean[]): tf.Scalar {
  const K = losses.length;
  if (K === 0 || logVars.rank !== 1 || logVars.shape[0] !== K || regression.length !== K)
    throw new RangeError(
      `uncertaintyLoss: ${K} losses, logVars of shape [${logVars.shape}], ${regression.length} flags`,
    );
  return tf.tidy(() => {
    const l = tf.stack(losses) as tf.Tensor1D;
    const c = tf.tensor1d(regression.map(coefficient));
    const weighted = tf.mul(tf.mul(c, tf.exp(tf.neg(logVars))), l);
    return tf.sum(tf.add(weighted, tf.mul(logVars, 0.5))) as tf.Scalar;
  });
}

/** The effective weights c_i · exp(−s_i) that multiply each L_i, for display and statistics. */
export function uncertaintyWeights(logVars: number[], regression: boolean[]): number[] {
  if (logVars.length !== regression.length)
    throw new RangeError(`uncertaintyWeights: ${logVars.length} log-variances, ${regression.length} flags`);
  return logVars.map((s, i) => coefficient(regression[i]) * Math.exp(-s));
}

/**
 * One trainable s_i per loss term, updated by the optimiser with the network. The weights in force
 * are c_i·e^(−s_i) of the current s: read after each update, so a step reports its loss with the s
 * it differentiated at, and the epoch record and the probe use the s the epoch ended with (they
 * used to lag one step behind).
 */
export const uncertaintyStrategy: CombinedLossStrategy = {
  info: WEIGHTING_INFO.uncertainty,
  needsTaskGrads: false,
  start: ({ plan, net }) => {
    const K = plan.terms.length;
    // the term's loss kind decides its likelihood: cross-entropies are classification, the rest regression
    const regression = plan.terms.map((term) => term.loss !== 'softmax_ce' && term.loss !== 'bce');
    const logVars = tf.tidy(() => tf.variable(tf.zeros([K]), true, `${net.vars[0].kernel.name}/../log_vars`));
    return {
      // s = 0 at the start: the weights are the coefficients c_i
      initialWeights: uncertaintyWeights(new Array(K).fill(0), regression),
      variables: [logVars],
      loss: (_st, losses) => uncertaintyLoss(losses, logVars as tf.Tensor1D, regression),
      afterUpdate: (st) => {
        st.weights = uncertaintyWeights(Array.from(logVars.dataSync()), regression);
      },
      dispose: () => logVars.dispose(),
    };
  },
};
