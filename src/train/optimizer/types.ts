/**
 * The optimiser as the training step sees it: one call per step with the raw gradient. Weight
 * decay and global-norm clipping (spec.optimizer) are the optimiser's business, so an
 * implementation may fold them into its own pass over the parameters.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Spec } from '../../experiment/spec.ts';

export interface StepOptimizer {
  /**
   * Applies one update from `grads` (by variable name; the caller keeps ownership of the tensors).
   * A tf.train optimiser fits this shape too (no decay or clipping then).
   */
  applyGradients(grads: tf.NamedTensorMap): void;
  dispose(): void;
}

export type OptimizerSpec = Spec['optimizer'];

export interface OptimizerOptions {
  /** variables that get L2 weight decay (the kernels; biases and strategy variables do not) */
  decayed: ReadonlySet<string>;
}
