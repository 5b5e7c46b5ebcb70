/**
 * The weight each loss term starts with, as the diagram labels it. The rule for `fixed` is the
 * trainer's (src/train/weighting/fixed.ts, which the renderer may not import: test/renderer
 * checks the two agree): with λ the primary task gets λ and the other main task 1 − λ, aux heads
 * keep their own weight. `equal` is 1 everywhere; the learned methods have no number to show
 * before training, so the label names the method.
 */
import type { Spec } from '@core/experiment/spec.ts';
import type { ModelPlan } from '@core/model/plan.ts';

const LEARNED: Record<string, string> = {
  uncertainty: 'uncertainty',
  gradnorm: 'GradNorm',
  dwa: 'DWA',
  pcgrad: 'PCGrad',
  mgda: 'MGDA',
};

/** Fixed weights per term (plan.terms order), or null when the method sets them while training. */
export function startWeights(plan: ModelPlan, w: Spec['weighting']): number[] | null {
  if (w.method === 'equal') return plan.terms.map(() => 1);
  if (w.method !== 'fixed') return null;
  const out = plan.terms.map((t) => t.weight);
  const mains = plan.terms.filter((t) => t.main).length;
  if (w.lambda === undefined || mains !== 2 || plan.primary > 1) return out;
  out[plan.primary] = w.lambda;
  out[1 - plan.primary] = 1 - w.lambda;
  return out;
}

/** "w 0.5" per term; "w: GradNorm" under a learned method. */
export function weightLabels(plan: ModelPlan, w: Spec['weighting']): string[] {
  const weights = startWeights(plan, w);
  if (!weights) return plan.terms.map(() => `w: ${LEARNED[w.method] ?? w.method}`);
  // 1 − 0.7 is 0.30000000000000004 in floating point: show what a person typed
  return weights.map((x) => `w ${Number(x.toPrecision(6))}`);
}
