/**
 * Finding Fashion-MNIST on this machine. Debian's `dataset-fashion-mnist` package installs the
 * four gzip IDX files in /usr/share/datasets/fashion-mnist/. FASHION_MNIST_DIR, when set, is
 * searched first (uncompressed copies are accepted too).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where `apt-get install dataset-fashion-mnist` puts the files. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** Absolute paths of the four IDX files: 60000 training and 10000 test samples of 28×28. */
export interface FashionMnistFiles {
  images: string;
  labels: string;
  testImages: string;
  testLabels: string;
}

const FILES: Record<keyof FashionMnistFiles, string> = {
  images: 'train-images-idx3-ubyte',
  labels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

/** The first directory holding all four files, or null when none does. */
export function findFashionMnist(dirs: string[] = defaultDirs()): FashionMnistFiles | null {
  for (const dir of dirs) {
    const found = filesIn(dir);
    if (found) return found;
  }
  return null;
}

function defaultDirs(): string[] {
  const env = process.env.FASHION_MNIST_DIR;
  return env ? [env, DEBIAN_FASHION_MNIST_DIR] : [DEBIAN_FASHION_MNIST_DIR];
}

function filesIn(dir: string): FashionMnistFiles | null {
  const out: Partial<FashionMnistFiles> = {};
  for (const [key, stem] of Object.entries(FILES) as [keyof FashionMnistFiles, string][]) {
    const path = [join(dir, `${stem}.gz`), join(dir, stem)].find((p) => existsSync(p));
    if (!path) return null;
    out[key] = path;
  }
  return out as FashionMnistFiles;
}
