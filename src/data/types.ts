/**
 * What every data set hands the trainer: plain typed arrays, no tensors, so data code runs and
 * is tested without a tfjs backend. All image arrays are row-major, one channel, intensities 0..1.
 */
import type { DataSpec } from '../experiment/spec.ts';

/** The `data` part of a spec for synthetic shapes (defaults filled in). */
export type ShapesData = Extract<DataSpec, { kind: 'shapes' }>;
/** The `data` part of a spec for IDX files (defaults filled in). */
export type IdxData = Extract<DataSpec, { kind: 'idx' }>;

/** One split (train or val) of `count` samples of `height`×`width` pixels. */
export interface DataSplit {
  count: number;
  /** count×H×W×1, the network input, intensities 0..1 (noisy for shapes) */
  images: Float32Array;
  /**
   * count×H×W×1, the noise-free image, the reconstruction target. For IDX data there is no
   * noise, so this is the very same array as `images`: treat both as read-only.
   */
  clean: Float32Array;
  /** count, class index in 0..classNames.length−1 */
  labels: Int32Array;
  /** count×H×W, the segmentation target, each value 0 or 1 */
  masks: Float32Array;
}

export interface Dataset {
  name: string;
  /** pixels */
  height: number;
  /** pixels */
  width: number;
  channels: 1;
  /** index = class label */
  classNames: string[];
  train: DataSplit;
  val: DataSplit;
  /** human description, e.g. `shapes 32×32, seed 7` or the file paths */
  source: string;
}
