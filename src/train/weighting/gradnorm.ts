/**
 * GradNorm — Chen, Badrinarayanan, Lee & Rabinovich, "GradNorm: Gradient Normalization for Adaptive
 * Loss Balancing in Deep Multitask Networks", ICML 2018 (arXiv:1711.02257), Algorithm 1.
 *
 * Quantities (K loss terms, W = the last shared layer's weights):
 *   G_i   = ‖∇_W (w_i L_i)‖₂                        the weighted term's gradient norm on W
 *   Ḡ     = mean_i G_i
 *   L̃_i   = L_i(t) / L_i(0)                          inverse training rate
 *   r_i   = L̃_i / mean_j L̃_j                         relative inverse training rate
 *   G_i*  = Ḡ · r_i^α                                the target, held constant (no gradient), eq. (1)
 *   L_grad = Σ_i |G_i − G_i*|                        eq. (2)
 *
 * Derivation of the weight gradient: ∇_W (w_i L_i) = w_i ∇_W L_i, so G_i = w_i ‖∇_W L_i‖ is linear in
 * w_i and ∂G_i/∂w_i = ‖∇_W L_i‖ = G_i / w_i (G_j, j ≠ i, does not depend on w_i; the targets are
 * constants). Hence
 *
 *   ∂L_grad/∂w_i = sign(G_i − G_i*) · G_i / w_i
 *
 * One gradient-descent step w_i ← w_i − lr · ∂L_grad/∂w_i follows; then each weight is floored at
 * `minWeight` and all are rescaled so Σ w_i = K (the paper's renormalisation). The floor keeps
 * G_i / w_i defined at the next step; after rescaling a weight can sit slightly below it when
 * Σ w > K, which is harmless (it stays positive).
 */
import * as tf from '@tensorflow/tfjs-core';
import { WEIGHTING_INFO } from '../../experiment/weighting-info.ts';
import { equalWeights } from './fixed.ts';
import type { CombinedLossStrategy, StepView, WeightingContext, WeightingState } from './strategy.ts';

export interface GradnormInput {
  /** current task weights w_i, > 0 */
  weights: number[];
  /** G_i = ‖∇_W w_i L_i‖ on the last shared layer, with the current weights */
  gradNorms: number[];
  /** L̃_i = L_i(t) / L_i(0), ≥ 0 */
  lossRatios: number[];
  /** asymmetry α ≥ 0 (spec default 1.5); α = 0 pulls every G_i to the mean */
  alpha: number;
  /** learning rate of the weights, > 0 */
  lr: number;
  /** floor applied before renormalising (default 1e-4) */
  minWeight?: number;
}

export interface GradnormStep {
  /** the updated weights, summing to K */
  weights: number[];
  /** the targets G_i* used for this step */
  targets: number[];
  /** L_grad = Σ |G_i − G_i*| before the step */
  gradLoss: number;
}

/** Targets G_i* = mean(G) · (L̃_i / mean(L̃))^α; r_i = 1 for all when every ratio is 0. */
export function gradnormTargets(gradNorms: number[], lossRatios: number[], alpha: number): number[] {
  const gBar = mean(gradNorms);
  const lBar = mean(lossRatios);
  return lossRatios.map((l) => gBar * (lBar > 0 ? l / lBar : 1) ** alpha);
}

/** One GradNorm update of the task weights (see the module comment for the derivation). */
export function gradnormStep(o: GradnormInput): GradnormStep {
  checkInput(o);
  const K = o.weights.length;
  const targets = gradnormTargets(o.gradNorms, o.lossRatios, o.alpha);
  const diff = o.gradNorms.map((g, i) => g - targets[i]);
  const gradLoss = diff.reduce((s, d) => s + Math.abs(d), 0);
  const floor = o.minWeight ?? 1e-4;
  const stepped = o.weights.map((w, i) => {
    const dw = Math.sign(diff[i]) * (o.gradNorms[i] / w);
    return Math.max(floor, w - o.lr * dw);
  });
  const sum = stepped.reduce((s, w) => s + w, 0);
  return { weights: stepped.map((w) => (K * w) / sum), targets, gradLoss };
}

function checkInput(o: GradnormInput): void {
  const K = o.weights.length;
  if (K === 0) throw new RangeError('gradnormStep needs at least one weight');
  if (o.gradNorms.length !== K || o.lossRatios.length !== K)
    throw new RangeError(
      `gradnormStep: ${K} weights, ${o.gradNorms.length} gradNorms, ${o.lossRatios.length} lossRatios`,
    );
  const bad = (name: string, xs: number[], ok: (x: number) => boolean) => {
    const i = xs.findIndex((x) => !Number.isFinite(x) || !ok(x));
    if (i >= 0) throw new RangeError(`gradnormStep: ${name}[${i}] = ${xs[i]} is out of range`);
  };
  bad('weights', o.weights, (w) => w > 0);
  bad('gradNorms', o.gradNorms, (g) => g >= 0);
  bad('lossRatios', o.lossRatios, (l) => l >= 0);
  if (!(o.alpha >= 0) || !(o.lr > 0) || !Number.isFinite(o.alpha) || !Number.isFinite(o.lr))
    throw new RangeError(`gradnormStep: alpha ${o.alpha} must be ≥ 0 and lr ${o.lr} > 0`);
}

function mean(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/**
 * G_i = ‖∇_W w_i L_i‖ on W, the kernel of the last trunk layer that every term passes through (the
 * last trunk layer, or the lowest auxiliary head's layer): one extra backward pass per term, on W only.
 */
function termGradNorms({ plan, net }: WeightingContext, st: WeightingState, step: StepView): number[] {
  const common = Math.min(...plan.terms.map((term) => term.attach));
  const W = net.vars[common - 1].kernel;
  return plan.terms.map((_, i) =>
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => tf.mul(step.forward()[i], st.weights[i]) as tf.Scalar, [W]);
      value.dispose();
      return tf.norm(grads[W.name]).dataSync()[0];
    }),
  );
}

/**
 * The applied gradient is the weighted sum's (one pass); after it, the weights move one GradNorm step,
 * measured at the parameters the step's losses were taken at. L_i(0) is the first step's loss.
 */
export const gradnormStrategy: CombinedLossStrategy = {
  info: WEIGHTING_INFO.gradnorm,
  needsTaskGrads: false,
  start: (ctx) => {
    let initialLosses: number[] | null = null;
    return {
      initialWeights: equalWeights(ctx.plan.terms.length),
      variables: [],
      afterStep: (st, step) => {
        const gradNorms = termGradNorms(ctx, st, step);
        initialLosses ??= step.termLosses.map((l) => Math.max(l, 1e-12));
        const lossRatios = step.termLosses.map((l, i) => l / initialLosses![i]);
        const { alpha, weightLr } = ctx.spec.weighting;
        st.weights = gradnormStep({ weights: st.weights, gradNorms, lossRatios, alpha, lr: weightLr }).weights;
      },
    };
  },
};
