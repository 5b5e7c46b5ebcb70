/**
 * The data sets a spec can name, behind one call. `loadDataset` is synchronous and returns plain
 * typed arrays (see types.ts); the trainer turns them into tensors.
 */
import type { DataSpec } from '../experiment/spec.ts';
import { loadIdxDataset } from './idx.ts';
import { generateShapes } from './shapes.ts';
import type { Dataset } from './types.ts';

export type { DataSplit, Dataset, IdxData, ShapesData } from './types.ts';
export { generateShapes } from './shapes.ts';
export { loadIdxDataset, FASHION_MNIST_CLASSES } from './idx.ts';
export { IdxError, readIdxFile, type IdxArray } from './idx-file.ts';
export { findFashionMnist, DEBIAN_FASHION_MNIST_DIR, type FashionMnistFiles } from './fashion-mnist.ts';

/** The data set of a validated spec's `data`; `seed` is the run's seed. */
export function loadDataset(spec: DataSpec, seed: number): Dataset {
  switch (spec.kind) {
    case 'shapes':
      return generateShapes(spec, seed);
    case 'idx':
      return loadIdxDataset(spec, seed);
    default: {
      const unknown: never = spec;
      throw new Error(`unknown data kind ${(unknown as { kind: string }).kind}`);
    }
  }
}

/** Per-class sample counts of a split, indexed by class. */
export function classCounts(labels: Int32Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
}

/** One line for logs and the UI, e.g. `shapes: 32×32×1, 3 classes (circle, …); train 2048, val 512; …`. */
export function describeDataset(ds: Dataset): string {
  const names = ds.classNames.length <= 10 ? ds.classNames.join(', ') : `${ds.classNames.slice(0, 10).join(', ')}, …`;
  return (
    `${ds.name}: ${ds.height}×${ds.width}×${ds.channels}, ${ds.classNames.length} classes (${names}); ` +
    `train ${ds.train.count}, val ${ds.val.count}; ${ds.source}`
  );
}
