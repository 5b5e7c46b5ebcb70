/** The two reference models of the benchmark, as specs, and data sets shaped for them. */
import type { Dataset, DataSplit } from '../src/data/types.ts';
import { generateShapes } from '../src/data/shapes.ts';
import { parseSpec, type Spec } from '../src/experiment/spec.ts';
import { createRng } from '../src/util/rng.ts';

/** MLP: 784 in, 8 × Dense 256 sigmoid, cls head 10 + recon head 784, 0.5/0.5, Adam 1e-3, batch 128. */
export const mlpSpec: Spec = parseSpec({
  name: 'bench mlp',
  model: { trunk: 'mlp', depth: 8, width: 256, activation: 'sigmoid', init: 'glorot_uniform' },
  tasks: [{ kind: 'cls', primary: true }, { kind: 'recon' }],
  weighting: { lambda: 0.5 },
  optimizer: { kind: 'adam', learningRate: 1e-3 },
  batchSize: 128,
  data: { kind: 'shapes', imageSize: 28 },
});

/** CNN: 32×32×1, conv 3×3 16 relu same, conv 3×3 32 relu same stride 2, dense 128 relu, cls 3 + seg 32×32 BCE, 0.5/0.5, batch 64. */
export const cnnSpec: Spec = parseSpec({
  name: 'bench cnn',
  model: { trunk: 'cnn', depth: 2, width: 16, kernelSize: 3, downsampleEvery: 2, denseUnits: 128, activation: 'relu' },
  tasks: [
    { kind: 'cls', primary: true },
    { kind: 'seg', loss: 'bce' },
  ],
  weighting: { lambda: 0.5 },
  optimizer: { kind: 'adam', learningRate: 1e-3 },
  batchSize: 64,
  data: { kind: 'shapes', imageSize: 32 },
});

function randomSplit(n: number, px: number, classes: number, seed: number): DataSplit {
  const rng = createRng(seed);
  const images = Float32Array.from({ length: n * px }, () => rng.next());
  const masks = images.map((v) => (v > 0.5 ? 1 : 0));
  return { count: n, images, clean: images, masks, labels: Int32Array.from({ length: n }, () => rng.int(classes)) };
}

/** 28×28 images with 10 classes (the MLP's MNIST-sized input); random pixels are enough to time a step. */
export function mnistShaped(n: number): Dataset {
  const classNames = Array.from({ length: 10 }, (_, i) => String(i));
  return {
    name: 'random 28×28',
    height: 28,
    width: 28,
    channels: 1,
    classNames,
    train: randomSplit(n, 784, 10, 1),
    val: randomSplit(256, 784, 10, 2),
    source: 'random',
  };
}

export function shapes32(n: number): Dataset {
  return generateShapes(
    { ...(cnnSpec.data as Extract<Spec['data'], { kind: 'shapes' }>), trainCount: n, valCount: 256 },
    1,
  );
}

/** The spec every field of which is a default ({}): what "statistics overhead at defaults" means. */
export const defaultSpec: Spec = parseSpec({ name: 'bench defaults' });
