/** Equal weighting: L = Σ_i L_i, auxiliary heads included (the uniform-scaling baseline). */
import { WEIGHTING_INFO } from '../../experiment/weighting-info.ts';
import { equalWeights } from './fixed.ts';
import type { CombinedLossStrategy } from './strategy.ts';

export const equalStrategy: CombinedLossStrategy = {
  info: WEIGHTING_INFO.equal,
  needsTaskGrads: false,
  start: ({ plan }) => ({ initialWeights: equalWeights(plan.terms.length), variables: [] }),
};
