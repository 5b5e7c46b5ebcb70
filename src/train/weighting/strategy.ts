/**
 * The seam between the training step and a loss-weighting method. The step knows two ways to form
 * the applied gradient and nothing about any method: one backward pass of a combined loss, or one
 * backward pass per loss term followed by a combination on the shared parameters. Each method is a
 * `WeightingStrategy` in the registry (registry.ts); the step and the trainer only call its hooks.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { WeightingInfo } from '../../experiment/weighting-info.ts';
import type { Spec } from '../../experiment/spec.ts';
import type { Network } from '../../model/network.ts';
import type { ModelPlan } from '../../model/plan.ts';

/** What a strategy may read about the run. */
export interface WeightingContext {
  readonly spec: Spec;
  readonly plan: ModelPlan;
  readonly net: Network;
}

/** The run as a hook sees it: `weights` (one per loss term, plan.terms order) is what hooks replace. */
export interface WeightingState extends WeightingContext {
  weights: number[];
}

/** A step whose gradient and per-term losses are known, before the optimiser applies the gradient. */
export interface StepView {
  /** L_i of this step, plan.terms order */
  termLosses: number[];
  /** a fresh training-mode forward pass of every loss term on this step's batch (call inside a tidy) */
  forward(): tf.Scalar[];
}

interface RunHooks {
  /** the weights in force at the first step */
  readonly initialWeights: number[];
  /** before each epoch's first step; `lossHistory[e][i]` = mean training loss of term i in epoch e */
  epochStart?(st: WeightingState, lossHistory: number[][]): void;
  /** after the step's gradient is formed and its losses read, before the optimiser's update */
  afterStep?(st: WeightingState, step: StepView): void;
  /**
   * after the optimiser's update: the state now in force for the next step, the epoch record's
   * weights and the probe (e.g. uncertainty's weights from the updated log-variances)
   */
  afterUpdate?(st: WeightingState): void;
  /** frees the run's tensors */
  dispose?(): void;
}

/** A run whose applied gradient is that of one combined loss (one backward pass). */
export interface CombinedLossRun extends RunHooks {
  /** trainable state updated by the optimiser alongside the network (e.g. Kendall's log-variances) */
  readonly variables: tf.Variable[];
  /** the scalar to differentiate, from the K term losses; absent = Σ wᵢLᵢ with the weights in force */
  loss?(st: WeightingState, losses: tf.Scalar[]): tf.Scalar;
  /** right after the backward pass, before the step's loss is reported (the weights it used) */
  afterBackward?(st: WeightingState): void;
}

/** A run whose applied gradient combines one gradient per loss term (K backward passes). */
export interface PerTermRun extends RunHooks {
  /** the factor each term's loss is multiplied by before its backward pass */
  termScale(st: WeightingState): number[];
  /**
   * The applied gradient on the shared parameters from the K per-term ones (each flattened, [N]);
   * called inside a tidy. Head parameters get the sum of their terms' scaled gradients.
   */
  combine(st: WeightingState, shared: tf.Tensor1D[]): tf.Tensor1D;
}

interface Described {
  /** full name, one sentence and paper: browser-safe, shown in the Design view */
  readonly info: WeightingInfo;
}

/** `needsTaskGrads: false` — one backward pass of a combined loss per step. */
export interface CombinedLossStrategy extends Described {
  readonly needsTaskGrads: false;
  start(ctx: WeightingContext): CombinedLossRun;
}

/** `needsTaskGrads: true` — one backward pass per loss term on every parameter, then `combine`. */
export interface PerTermStrategy extends Described {
  readonly needsTaskGrads: true;
  start(ctx: WeightingContext): PerTermRun;
}

export type WeightingStrategy = CombinedLossStrategy | PerTermStrategy;

/** A started strategy: the discriminant travels with the run so the step can narrow on it. */
export type ActiveWeighting =
  { needsTaskGrads: false; run: CombinedLossRun } | { needsTaskGrads: true; run: PerTermRun };

export function startWeighting(s: WeightingStrategy, ctx: WeightingContext): ActiveWeighting {
  return s.needsTaskGrads ? { needsTaskGrads: true, run: s.start(ctx) } : { needsTaskGrads: false, run: s.start(ctx) };
}
