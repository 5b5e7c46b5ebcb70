/**
 * Static weightings: L = Σ_i w_i L_i with weights that never change during a run.
 *
 * `fixed` takes each term's own weight from the spec (task `weight`, aux head `aux.weight`);
 * the two-task shorthand λ gives the primary task λ and the other main task 1 − λ, while auxiliary
 * heads keep their own weights. `equal` (equal.ts) is w_i = 1 for every term (the uniform-scaling baseline).
 */
import { fixedWeights } from '../../domain/fixed-weights.ts';
import { WEIGHTING_INFO } from '../../experiment/weighting-info.ts';
import type { CombinedLossStrategy, WeightingContext } from './strategy.ts';

// the rule itself is plain arithmetic in src/domain, so the Design view's diagram shows the same numbers
export { equalWeights, fixedWeights, type FixedWeightsInput } from '../../domain/fixed-weights.ts';

/** The spec's own term weights (task `weight`, aux `weight`, λ applied), plan.terms order. */
export function specWeights({ spec, plan }: WeightingContext): number[] {
  return fixedWeights({
    weights: plan.terms.map((t) => t.weight),
    lambda: spec.weighting.lambda,
    primaryIndex: plan.primary,
    mainTerms: plan.terms.filter((t) => t.main).length,
  });
}

export const fixedStrategy: CombinedLossStrategy = {
  info: WEIGHTING_INFO.fixed,
  needsTaskGrads: false,
  start: (ctx) => ({ initialWeights: specWeights(ctx), variables: [] }),
};
