/**
 * Every weighting method's strategy, keyed by the spec's enum: a `Record` over `WeightingMethod`, so
 * a method added to the spec without a strategy does not compile. A new method is one file that
 * exports a `WeightingStrategy` and one line here.
 */
import type { WeightingMethod } from '../../experiment/spec.ts';
import { dwaStrategy } from './dwa.ts';
import { equalStrategy } from './equal.ts';
import { fixedStrategy } from './fixed.ts';
import { gradnormStrategy } from './gradnorm.ts';
import { mgdaStrategy } from './mgda.ts';
import { pcgradStrategy } from './pcgrad.ts';
import type { WeightingStrategy } from './strategy.ts';
import { uncertaintyStrategy } from './uncertainty.ts';

export const WEIGHTING_STRATEGIES: Readonly<Record<WeightingMethod, WeightingStrategy>> = {
  fixed: fixedStrategy,
  equal: equalStrategy,
  uncertainty: uncertaintyStrategy,
  dwa: dwaStrategy,
  gradnorm: gradnormStrategy,
  pcgrad: pcgradStrategy,
  mgda: mgdaStrategy,
};

/** The strategy of `method`; throws, naming the field, for a method without one (never a fallback). */
export function strategyFor(method: WeightingMethod): WeightingStrategy {
  const s = Object.hasOwn(WEIGHTING_STRATEGIES, method) ? WEIGHTING_STRATEGIES[method] : undefined;
  if (!s)
    throw new RangeError(
      `weighting.method: no strategy for "${String(method)}"; known: ${Object.keys(WEIGHTING_STRATEGIES).join(', ')}`,
    );
  return s;
}
