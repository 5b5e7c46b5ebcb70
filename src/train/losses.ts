/**
 * Loss and metric of each loss term on a batch. All losses are means over the batch
 * (and over pixels for seg / recon), so task scales stay comparable whatever the image size.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossKind, TermPlan } from '../model/plan.ts';

export interface BatchTargets {
  /** [B] int32 class indices */
  labels: tf.Tensor1D;
  /** [B, classes] one-hot */
  onehot: tf.Tensor2D;
  /** [B, H·W] 0/1 */
  masks: tf.Tensor2D;
  /** [B, H·W] noise-free image, 0..1 */
  clean: tf.Tensor2D;
}

/** Numerically stable mean sigmoid cross-entropy on logits: max(x,0) − x·y + log(1 + e^−|x|). */
export function sigmoidCrossEntropy(logits: tf.Tensor, y: tf.Tensor): tf.Scalar {
  return tf.mean(tf.add(tf.sub(tf.relu(logits), tf.mul(logits, y)), tf.log1p(tf.exp(tf.neg(tf.abs(logits))))));
}

export function termLoss(kind: LossKind, logits: tf.Tensor2D, t: BatchTargets): tf.Scalar {
  switch (kind) {
    case 'softmax_ce':
      return tf.neg(tf.mean(tf.sum(tf.mul(t.onehot, tf.logSoftmax(logits)), 1))) as tf.Scalar;
    case 'bce':
      return sigmoidCrossEntropy(logits, t.masks);
    case 'l1':
      return tf.mean(tf.abs(tf.sub(tf.sigmoid(logits), t.masks)));
    case 'mse':
      return tf.mean(tf.square(tf.sub(tf.sigmoid(logits), t.clean)));
  }
}

/**
 * Sufficient statistics of a term's metric on a batch, summed (not averaged) so batches add up:
 * cls → [correct, samples]; seg → [intersection, union, correct pixels, pixels]; recon → [squared error, abs error, pixels].
 */
export function metricSums(term: TermPlan, logits: tf.Tensor2D, t: BatchTargets): tf.Tensor1D {
  return tf.tidy(() => {
    if (term.task === 'cls') {
      const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), t.labels), 'float32'));
      return tf.stack([correct, tf.scalar(logits.shape[0])]) as tf.Tensor1D;
    }
    if (term.task === 'seg') {
      const pred = tf.cast(tf.greater(logits, 0), 'float32');
      const inter = tf.sum(tf.mul(pred, t.masks));
      const union = tf.sub(tf.add(tf.sum(pred), tf.sum(t.masks)), inter);
      const correct = tf.sum(tf.cast(tf.equal(pred, t.masks), 'float32'));
      return tf.stack([inter, union, correct, tf.scalar(pred.size)]) as tf.Tensor1D;
    }
    const diff = tf.sub(tf.sigmoid(logits), t.clean);
    return tf.stack([tf.sum(tf.square(diff)), tf.sum(tf.abs(diff)), tf.scalar(diff.size)]) as tf.Tensor1D;
  });
}

export const METRIC_SUM_SIZE: Record<TermPlan['task'], number> = { cls: 2, seg: 4, recon: 3 };

/** Turn summed metric statistics into named metrics. */
export function metricsFromSums(task: TermPlan['task'], s: ArrayLike<number>): Record<string, number> {
  if (task === 'cls') return { accuracy: s[0] / Math.max(1, s[1]) };
  if (task === 'seg') return { iou: s[1] > 0 ? s[0] / s[1] : 1, pixel_acc: s[2] / Math.max(1, s[3]) };
  return { mse: s[0] / Math.max(1, s[2]), mae: s[1] / Math.max(1, s[2]) };
}

/** Σ w_i L_i, differentiable (tfjs has no gradient for AddN, so this goes through Pack). */
export function weightedSum(losses: tf.Scalar[], w: number[]): tf.Scalar {
  return tf.sum(tf.mul(tf.stack(losses), tf.tensor1d(w))) as tf.Scalar;
}
