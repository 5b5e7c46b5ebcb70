/** Multi-task loss weighting: pure functions the trainer calls, and what the UI shows about each. */
export { fixedWeights, equalWeights, type FixedWeightsInput } from './fixed.ts';
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
export { WEIGHTING_INFO, type WeightingInfo } from './info.ts';
