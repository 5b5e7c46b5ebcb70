/**
 * The embedded default data set: synthetic grey-scale shapes, one per image, with a class label,
 * a pixel mask and the noise-free image. Pure function of (spec, seed): bit-identical arrays for
 * the same inputs, no files, no tensors.
 */
import { createRng, type Rng } from '../util/rng.ts';
import { isRotatable, paintShape, type Canvas, type ShapeKind } from './shape-raster.ts';
import type { DataSplit, Dataset, ShapesData } from './types.ts';

/** background intensity range (0..1) */
const BACKGROUND: [number, number] = [0, 0.2];
/** foreground intensity range (0..1), before the rim shading of `paintShape` */
const FOREGROUND: [number, number] = [0.6, 1.0];
/** the centre stays this many radii from each edge: shapes lie fully or mostly inside */
const MARGIN = 0.85;

/**
 * Generates `spec.trainCount` + `spec.valCount` images of `spec.imageSize`² pixels.
 * The data seed is `spec.seed ?? seed`; train and val come from separate forks of it, so the
 * validation images do not change when `trainCount` does.
 */
export function generateShapes(spec: ShapesData, seed: number): Dataset {
  const dataSeed = spec.seed ?? seed;
  const root = createRng(dataSeed);
  const side = spec.imageSize;
  return {
    name: 'shapes',
    height: side,
    width: side,
    channels: 1,
    classNames: [...spec.shapes],
    train: generateSplit(spec, spec.trainCount, root.fork('train')),
    val: generateSplit(spec, spec.valCount, root.fork('val')),
    source: `shapes ${side}×${side} (${spec.shapes.join(', ')}), noise ${spec.noise}, seed ${dataSeed}`,
  };
}

/** One split: balanced labels (round-robin, then shuffled), one shape per image, then noise. */
function generateSplit(spec: ShapesData, count: number, rng: Rng): DataSplit {
  const side = spec.imageSize;
  const pixels = side * side;
  const clean = new Float32Array(count * pixels);
  const masks = new Float32Array(count * pixels);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) labels[i] = i % spec.shapes.length;
  rng.shuffle(labels);
  for (let i = 0; i < count; i++) {
    drawSample(spec, spec.shapes[labels[i]], rng, { size: side, clean, mask: masks, offset: i * pixels });
  }
  const images = addNoise(clean, spec.noise, rng);
  return { count, images, clean, labels, masks };
}

/** Fills one sample's background and paints one shape of `kind` at a random pose. */
function drawSample(spec: ShapesData, kind: ShapeKind, rng: Rng, canvas: Canvas): void {
  const side = canvas.size;
  const background = rng.uniform(...BACKGROUND);
  canvas.clean.fill(background, canvas.offset, canvas.offset + side * side);
  const r = rng.uniform(spec.minScale, spec.maxScale) * side;
  const margin = Math.min(MARGIN * r, side / 2);
  const cx = rng.uniform(margin, side - margin);
  const cy = rng.uniform(margin, side - margin);
  const theta = isRotatable(kind) ? rng.uniform(0, 2 * Math.PI) : 0;
  const foreground = rng.uniform(...FOREGROUND);
  paintShape({ kind, cx, cy, r, theta }, foreground, canvas);
}

/** clean + N(0, std²) per pixel, clamped to [0, 1]; a new array (same shape as `clean`). */
function addNoise(clean: Float32Array, std: number, rng: Rng): Float32Array {
  const out = new Float32Array(clean.length);
  if (std === 0) {
    out.set(clean);
    return out;
  }
  for (let i = 0; i < clean.length; i++) {
    const v = clean[i] + std * rng.normal();
    out[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
  return out;
}
