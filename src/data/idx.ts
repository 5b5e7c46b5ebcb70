/**
 * Data sets from IDX files (MNIST, Fashion-MNIST, or anything in that format): 3-D ubyte images
 * count×rows×cols and 1-D ubyte labels. Images are scaled to 0..1; there is no noise, so the
 * reconstruction target is the image itself; the mask is the pixels above `maskThreshold`.
 */
import { basename } from 'node:path';
import { createRng, type Rng } from '../util/rng.ts';
import { IdxError, readIdxFile, type IdxArray } from './idx-file.ts';
import type { DataSplit, Dataset, IdxData } from './types.ts';

export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

/** Images (count×H×W bytes) and their labels (count bytes), checked against each other. */
interface IdxPair {
  images: IdxArray;
  labels: IdxArray;
  count: number;
  height: number;
  width: number;
}

/**
 * Loads train and val splits. Validation comes from `valImages`/`valLabels` when given, else a
 * seeded shuffle holds out `validationSplit` of the training files; then `limit` caps the
 * training samples (a seeded random subset). Paths resolve against process.cwd().
 * Throws IdxError naming the file for any problem with the files.
 */
export function loadIdxDataset(spec: IdxData, seed: number): Dataset {
  const train = readPair(spec.images, spec.labels);
  const classes = maxLabel(train.labels.data) + 1;
  const { val, trainIdx, valIdx } = chooseSamples(spec, train, classes, createRng(seed).fork('idx'));
  const fashion = classes === 10 && train.height === 28 && train.width === 28 && /fashion/i.test(train.images.path);
  return {
    name: fashion ? 'fashion-mnist' : 'idx',
    height: train.height,
    width: train.width,
    channels: 1,
    classNames: fashion ? [...FASHION_MNIST_CLASSES] : classNamesFor(classes),
    train: gather(train, trainIdx, spec.maskThreshold),
    val: gather(val, valIdx, spec.maskThreshold),
    source: describeSource(spec, seed),
  };
}

/** Which samples of which files form each split (indices into the files, before copying). */
function chooseSamples(
  spec: IdxData,
  train: IdxPair,
  classes: number,
  rng: Rng,
): { val: IdxPair; trainIdx: Int32Array; valIdx: Int32Array } {
  const perm = rng.shuffle(range(train.count)) as Int32Array;
  const cap = (idx: Int32Array) =>
    spec.limit !== undefined && spec.limit < idx.length ? idx.subarray(0, spec.limit) : idx;
  if (spec.valImages !== undefined || spec.valLabels !== undefined) {
    if (spec.valImages === undefined || spec.valLabels === undefined) {
      throw new Error('IDX data: valImages and valLabels must be given together');
    }
    const val = readPair(spec.valImages, spec.valLabels);
    checkCompatible(train, val, classes);
    return { val, trainIdx: cap(perm), valIdx: range(val.count) };
  }
  const nVal = Math.max(1, Math.round(train.count * spec.validationSplit));
  if (nVal >= train.count) {
    throw new IdxError(train.images.path, `${train.count} samples are too few to hold out a validation split`);
  }
  return { val: train, trainIdx: cap(perm.subarray(nVal)), valIdx: perm.subarray(0, nVal) };
}

function readPair(imagesFile: string, labelsFile: string): IdxPair {
  const images = readIdxFile(imagesFile);
  if (images.dims.length !== 3) {
    throw new IdxError(
      images.path,
      `expected 3-D images (count×rows×cols), found ${images.dims.length}-D ${images.dims.join('×')}`,
    );
  }
  const labels = readIdxFile(labelsFile);
  if (labels.dims.length !== 1) {
    throw new IdxError(labels.path, `expected 1-D labels, found ${labels.dims.length}-D ${labels.dims.join('×')}`);
  }
  const [count, height, width] = images.dims;
  if (labels.dims[0] !== count) {
    throw new IdxError(
      labels.path,
      `${labels.dims[0]} labels, but ${basename(images.path)} has ${count} images (${images.path})`,
    );
  }
  if (count === 0) throw new IdxError(images.path, 'holds no images');
  return { images, labels, count, height, width };
}

/** Validation files must match the training image size and use only the training classes. */
function checkCompatible(train: IdxPair, val: IdxPair, classes: number): void {
  if (val.height !== train.height || val.width !== train.width) {
    throw new IdxError(
      val.images.path,
      `images are ${val.height}×${val.width} but the training images are ${train.height}×${train.width}`,
    );
  }
  const data = val.labels.data;
  for (let i = 0; i < data.length; i++) {
    if (data[i] >= classes) {
      throw new IdxError(
        val.labels.path,
        `label ${data[i]} at index ${i} is out of range: the training labels have classes 0..${classes - 1}`,
      );
    }
  }
}

function maxLabel(data: Uint8Array): number {
  let m = 0;
  for (let i = 0; i < data.length; i++) if (data[i] > m) m = data[i];
  return m;
}

function range(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

function classNamesFor(classes: number): string[] {
  return Array.from({ length: classes }, (_, k) => (classes <= 10 ? String(k) : `class ${k}`));
}

/** Copies samples `idx` into a split: bytes/255 as images (and clean), pixel > threshold as mask. */
function gather(pair: IdxPair, idx: Int32Array, threshold: number): DataSplit {
  const pixels = pair.height * pair.width;
  const n = idx.length;
  const images = new Float32Array(n * pixels);
  const masks = new Float32Array(n * pixels);
  const labels = new Int32Array(n);
  const src = pair.images.data;
  for (let k = 0; k < n; k++) {
    const from = idx[k] * pixels;
    const to = k * pixels;
    for (let p = 0; p < pixels; p++) {
      const v = src[from + p] / 255;
      images[to + p] = v;
      masks[to + p] = v > threshold ? 1 : 0;
    }
    labels[k] = pair.labels.data[idx[k]];
  }
  return { count: n, images, clean: images, labels, masks };
}

function describeSource(spec: IdxData, seed: number): string {
  const parts = [`${spec.images} + ${spec.labels}`];
  if (spec.valImages !== undefined) parts.push(`val ${spec.valImages} + ${spec.valLabels}`);
  else parts.push(`val ${Math.round(spec.validationSplit * 100)}% held out (seed ${seed})`);
  if (spec.limit !== undefined) parts.push(`train limit ${spec.limit}`);
  return parts.join('; ');
}
