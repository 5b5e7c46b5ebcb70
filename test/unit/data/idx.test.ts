import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { idxDataSchema } from '../../../src/experiment/spec.ts';
import { FASHION_MNIST_CLASSES, loadIdxDataset } from '../../../src/data/idx.ts';
import type { DataSplit } from '../../../src/data/types.ts';
import { writeIdx, writeSet } from './idx-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'gw-idx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 6×5 so that a height/width swap shows
const shape = { height: 6, width: 5 };
const train = writeSet(dir, 'train', { count: 50, ...shape, classes: 5, gzip: true });
const test = writeSet(dir, 't10k', { count: 12, ...shape, classes: 5 });
const spec = (over: Record<string, unknown> = {}) =>
  idxDataSchema.parse({ kind: 'idx', images: train.images, labels: train.labels, ...over });

/** sample ids, read back from each image's first pixel */
const ids = (s: DataSplit) => Array.from({ length: s.count }, (_, k) => Math.round(s.images[k * 30] * 255));

describe('loadIdxDataset', () => {
  it('holds out validationSplit of the training files, scaled to 0..1, with masks above the threshold', () => {
    const ds = loadIdxDataset(spec({ validationSplit: 0.2, maskThreshold: 0.5 }), 1);
    expect(ds).toMatchObject({ name: 'idx', height: 6, width: 5, channels: 1 });
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4']);
    expect([ds.train.count, ds.val.count]).toEqual([40, 10]);
    expect(ds.train.images.length).toBe(40 * 30);
    expect(ds.train.masks.length).toBe(40 * 30);
    expect(ds.train.clean).toBe(ds.train.images);
    const all = [...ids(ds.train), ...ids(ds.val)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const s = ds.train;
    for (let k = 0; k < s.count; k++) expect(s.labels[k]).toBe(ids(s)[k] % 5);
    for (let i = 0; i < s.images.length; i++) {
      if (s.masks[i] !== (s.images[i] > 0.5 ? 1 : 0)) throw new Error(`mask ${i} disagrees with its pixel`);
    }
    expect(s.images[1]).toBeCloseTo(37 / 255, 6);
  });

  it('splits by seed: reproducible, and another seed splits differently', () => {
    const a = ids(loadIdxDataset(spec(), 3).val);
    expect(ids(loadIdxDataset(spec(), 3).val)).toEqual(a);
    expect(ids(loadIdxDataset(spec(), 4).val)).not.toEqual(a);
  });

  it('caps the training samples at limit, leaving val alone', () => {
    const ds = loadIdxDataset(spec({ validationSplit: 0.1, limit: 16 }), 1);
    expect([ds.train.count, ds.val.count]).toEqual([16, 5]);
    expect(ds.source).toContain('train limit 16');
    expect(loadIdxDataset(spec({ limit: 1000 }), 1).train.count).toBe(45);
  });

  it('takes val from valImages/valLabels when given, in file order', () => {
    const ds = loadIdxDataset(spec({ valImages: test.images, valLabels: test.labels, limit: 20 }), 1);
    expect([ds.train.count, ds.val.count]).toEqual([20, 12]);
    expect(ids(ds.val)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(ds.source).toContain(test.images);
  });

  it("names Fashion-MNIST's classes when the files look like it", () => {
    const f = writeSet(join(dir, 'fashion-mnist'), 'train', { count: 20, height: 28, width: 28, classes: 10 });
    const ds = loadIdxDataset(spec({ images: f.images, labels: f.labels }), 1);
    expect(ds.name).toBe('fashion-mnist');
    expect(ds.classNames).toEqual(FASHION_MNIST_CLASSES);
    const plain = writeSet(join(dir, 'digits'), 'train', { count: 20, height: 28, width: 28, classes: 10 });
    expect(loadIdxDataset(spec(plain), 1).classNames).toEqual('0123456789'.split(''));
  });

  it('names classes `class k` beyond ten', () => {
    const f = writeSet(join(dir, 'many'), 'train', { count: 24, height: 4, width: 4, classes: 12 });
    expect(loadIdxDataset(spec(f), 1).classNames[11]).toBe('class 11');
  });

  it('refuses images and labels of different counts, naming both files', () => {
    const labels = writeIdx(join(dir, 'short-labels'), [49], new Array(49).fill(0));
    const run = () => loadIdxDataset(spec({ labels }), 1);
    expect(run).toThrow(`${labels}: 49 labels, but train-images-idx3-ubyte.gz has 50 images (${train.images})`);
  });

  it('refuses swapped images and labels', () => {
    expect(() => loadIdxDataset(spec({ images: train.labels, labels: train.images }), 1)).toThrow(
      `${train.labels}: expected 3-D images (count×rows×cols), found 1-D 50`,
    );
  });

  it('refuses validation labels outside the training classes', () => {
    const valLabels = writeIdx(join(dir, 'val-labels-bad'), [12], [0, 1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0]);
    expect(() => loadIdxDataset(spec({ valImages: test.images, valLabels }), 1)).toThrow(
      `${valLabels}: label 5 at index 5 is out of range: the training labels have classes 0..4`,
    );
  });

  it('refuses validation images of another size', () => {
    const other = writeSet(join(dir, 'other'), 'val', { count: 4, height: 5, width: 6, classes: 2 });
    expect(() => loadIdxDataset(spec({ valImages: other.images, valLabels: other.labels }), 1)).toThrow(
      'images are 5×6 but the training images are 6×5',
    );
  });

  it('refuses valImages without valLabels', () => {
    expect(() => loadIdxDataset(spec({ valImages: test.images }), 1)).toThrow('must be given together');
  });

  it('names a missing file', () => {
    expect(() => loadIdxDataset(spec({ images: join(dir, 'nope.gz') }), 1)).toThrow(
      `${join(dir, 'nope.gz')}: file not found`,
    );
  });
});
