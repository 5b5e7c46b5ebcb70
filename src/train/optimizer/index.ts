/**
 * Choosing the optimiser implementation for the active backend: the one-pass update on wasm,
 * tf.train (with decay and clipping as tensor ops) everywhere else. Both take the raw gradient.
 */
import * as tf from '@tensorflow/tfjs-core';
import { FusedWasmOptimizer } from './fused.ts';
import { TfTrainOptimizer } from './tf-train.ts';
import type { OptimizerOptions, OptimizerSpec, StepOptimizer } from './types.ts';

export type { OptimizerOptions, OptimizerSpec, StepOptimizer } from './types.ts';

/**
 * Call with the run's backend active (the implementation is bound to it). Where WebAssembly SIMD
 * does not validate, wasm keeps tf.train too.
 */
export function createOptimizer(spec: OptimizerSpec, options: OptimizerOptions): StepOptimizer {
  if (tf.getBackend() === 'wasm') {
    try {
      return new FusedWasmOptimizer(spec, options);
    } catch {
      // the one-pass module needs WebAssembly SIMD; tf.train is the same update, slower
    }
  }
  return new TfTrainOptimizer(spec, options);
}
