/** Slicing a data split into tensors for one batch. */
import * as tf from '@tensorflow/tfjs-core';
import type { DataSplit, Dataset } from '../data/types.ts';
import type { BatchTargets } from './losses.ts';

export interface Batch {
  x: tf.Tensor4D;
  t: BatchTargets;
  size: number;
}

/** Gather samples `idx` of a split: x [B, H, W, 1], targets per task. Caller disposes with disposeBatch. */
export function makeBatch(ds: Dataset, split: DataSplit, idx: ArrayLike<number>): Batch {
  const B = idx.length;
  const px = ds.height * ds.width;
  const images = new Float32Array(B * px);
  const masks = new Float32Array(B * px);
  const clean = new Float32Array(B * px);
  const labels = new Int32Array(B);
  for (let k = 0; k < B; k++) {
    const s = idx[k];
    images.set(split.images.subarray(s * px, (s + 1) * px), k * px);
    masks.set(split.masks.subarray(s * px, (s + 1) * px), k * px);
    clean.set(split.clean.subarray(s * px, (s + 1) * px), k * px);
    labels[k] = split.labels[s];
  }
  const lab = tf.tensor1d(labels, 'int32');
  return {
    x: tf.tensor4d(images, [B, ds.height, ds.width, 1]),
    t: {
      labels: lab,
      onehot: tf.tidy(() => tf.cast(tf.oneHot(lab, ds.classNames.length), 'float32')) as tf.Tensor2D,
      masks: tf.tensor2d(masks, [B, px]),
      clean: tf.tensor2d(clean, [B, px]),
    },
    size: B,
  };
}

export function disposeBatch(b: Batch): void {
  tf.dispose([b.x, b.t.labels, b.t.onehot, b.t.masks, b.t.clean]);
}

/** Index ranges [start, end) of consecutive batches over n samples. */
export function batchRanges(n: number, batchSize: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let s = 0; s < n; s += batchSize) out.push([s, Math.min(n, s + batchSize)]);
  return out;
}
