import { describe, expect, it } from 'vitest';
import { findFashionMnist } from '../../../src/data/fashion-mnist.ts';
import { readIdxFile } from '../../../src/data/idx-file.ts';
import { FASHION_MNIST_CLASSES, loadIdxDataset } from '../../../src/data/idx.ts';
import { idxDataSchema } from '../../../src/experiment/spec.ts';

const found = findFashionMnist();

describe('findFashionMnist', () => {
  it('answers null where no directory holds the files', () => {
    expect(findFashionMnist(['/nonexistent/fashion-mnist'])).toBeNull();
  });
});

describe(`Fashion-MNIST files (needs Debian package dataset-fashion-mnist; ${found ? 'found' : 'NOT installed, skipped'})`, () => {
  it.skipIf(!found)('holds 60000 training images of 28×28 with labels 0..9, 6000 each', () => {
    const images = readIdxFile(found!.images);
    const labels = readIdxFile(found!.labels);
    expect(images.dims).toEqual([60000, 28, 28]);
    expect(labels.dims).toEqual([60000]);
    const counts = new Array(10).fill(0);
    for (const l of labels.data) counts[l]++;
    expect(counts).toEqual(new Array(10).fill(6000));
    expect(readIdxFile(found!.testImages).dims).toEqual([10000, 28, 28]);
  });

  it.skipIf(!found)('loads as a Fashion-MNIST data set with the test files as validation', () => {
    const spec = idxDataSchema.parse({
      kind: 'idx',
      images: found!.images,
      labels: found!.labels,
      valImages: found!.testImages,
      valLabels: found!.testLabels,
      limit: 256,
    });
    const ds = loadIdxDataset(spec, 1);
    expect(ds).toMatchObject({ name: 'fashion-mnist', height: 28, width: 28 });
    expect(ds.classNames).toEqual(FASHION_MNIST_CLASSES);
    expect([ds.train.count, ds.val.count]).toEqual([256, 10000]);
    const range = (a: ArrayLike<number>) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < a.length; i++) [lo, hi] = [Math.min(lo, a[i]), Math.max(hi, a[i])];
      return [lo, hi];
    };
    expect(range(ds.val.labels)).toEqual([0, 9]);
    expect(range(ds.train.images)).toEqual([0, 1]);
    expect(ds.train.masks.some((m) => m === 1)).toBe(true);
  });
});
