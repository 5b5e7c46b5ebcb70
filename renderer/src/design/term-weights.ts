/**
 * The weight each loss term starts with, as the diagram labels it. `fixed` uses the trainer's own
 * rule (src/domain/fixed-weights.ts): with λ the primary task gets λ and the other main task 1 − λ,
 * aux heads keep their own weight. `equal` is 1 everywhere; the learned methods have no number to
 * show before training, so the label names the method.
 */
import type { Spec } from '@core/experiment/spec.ts';
import { equalWeights, fixedWeights } from '@core/domain/fixed-weights.ts';
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
  if (w.method === 'equal') return equalWeights(plan.terms.length);
  if (w.method !== 'fixed') return null;
  const mainTerms = plan.terms.filter((t) => t.main).length;
  // a form mid-edit may hold a λ the trainer would refuse (not two main tasks): show the own weights then
  const lambda = mainTerms === 2 && plan.primary <= 1 ? w.lambda : undefined;
  const weights = plan.terms.map((t) => t.weight);
  try {
    return fixedWeights({ weights, lambda, primaryIndex: plan.primary, mainTerms });
  } catch {
    return weights; // an invalid weight mid-edit: the form shows its error; the diagram shows what was typed
  }
}

/** "w 0.5" per term; "w: GradNorm" under a learned method. */
export function weightLabels(plan: ModelPlan, w: Spec['weighting']): string[] {
  const weights = startWeights(plan, w);
  if (!weights) return plan.terms.map(() => `w: ${LEARNED[w.method] ?? w.method}`);
  // 1 − 0.7 is 0.30000000000000004 in floating point: show what a person typed
  return weights.map((x) => `w ${Number(x.toPrecision(6))}`);
}
