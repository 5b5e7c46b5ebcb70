/**
 * The evidence of the newest training batch whose loss was finite, held until the next batch
 * proves finite too. When a batch diverges, the optimiser has already applied its non-finite
 * update, so this is the only place the statistics of the last sound state survive.
 *
 * Holding costs no extra computation: the gradient is the one the step applied anyway (kept one
 * batch longer instead of disposed at once), and the kernel snapshot is a clone, which shares data
 * with the tensor the optimiser replaces rather than copying it.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface FiniteBatch {
  /** the applied gradient of that batch, by variable name */
  grads: tf.NamedTensorMap;
  /** kernels before that batch's update (snapshotKernels) */
  before: tf.Tensor[];
  /** task weights in force after that batch */
  weights: number[];
}

export class LastFiniteBatch {
  private held: FiniteBatch | null = null;

  /** Take ownership of a batch just proved finite; frees the one it replaces. */
  hold(batch: FiniteBatch): void {
    this.free();
    this.held = batch;
  }

  /** The held batch (still owned here), or null before the first finite batch of the run. */
  get current(): FiniteBatch | null {
    return this.held;
  }

  /** Clones of the held kernels, for a consumer that disposes what it is given. */
  beforeClones(): tf.Tensor[] {
    return (this.held?.before ?? []).map((t) => tf.clone(t));
  }

  free(): void {
    if (!this.held) return;
    tf.dispose([...Object.values(this.held.grads), ...this.held.before]);
    this.held = null;
  }
}
