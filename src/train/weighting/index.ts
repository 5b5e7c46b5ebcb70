/** Multi-task loss weighting: one strategy per method (registry.ts) and the pure functions behind them. */
export { WEIGHTING_STRATEGIES, strategyFor } from './registry.ts';
export {
  startWeighting,
  type ActiveWeighting,
  type CombinedLossRun,
  type PerTermRun,
  type StepView,
  type WeightingContext,
  type WeightingState,
  type WeightingStrategy,
} from './strategy.ts';
export { fixedWeights, equalWeights, specWeights, type FixedWeightsInput } from './fixed.ts';
export { dwaWeights } from './dwa.ts';
export { gradnormStep, gradnormTargets, type GradnormInput, type GradnormStep } from './gradnorm.ts';
export { uncertaintyLoss, uncertaintyWeights, isRegressionTerm } from './uncertainty.ts';
export {
  pcgrad,
  pcgradConflicts,
  pcgradWithConflicts,
  shuffledOthers,
  type PcgradOrder,
  type PcgradResult,
} from './pcgrad.ts';
export { minNormWeights, minNormTwo, minNormValue, gramMatrix, combineGrads, type MinNormOptions } from './mgda.ts';
