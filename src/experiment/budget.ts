/**
 * How much memory a run will need, estimated from its spec alone (arithmetic, nothing allocated),
 * and the refusal when that exceeds a budget. Browser-safe and tfjs-free: the service, the CLI and
 * the Design form share it. All sizes are float32 bytes unless named otherwise.
 */
import { type LayerPlan, planModel } from '../model/plan.ts';
import type { SpecIssue } from './issues.ts';
import type { Spec } from './spec.ts';
import { formatBytes } from './bytes.ts';

export { formatBytes, parseMemorySize } from './bytes.ts';

/** What an IDX file header says (see checkDataFiles); absent, an MNIST-like 60 000 × 28×28 is assumed. */
export interface DataShapeHint {
  height: number;
  width: number;
  count: number;
  valCount?: number;
  /** bytes of the files as stored */
  fileBytes: number;
}

export interface CostEstimate {
  /** trainable parameters (weights, biases, norm scales) */
  parameters: number;
  /** parameters, their gradients, optimizer slots and per-task gradient copies */
  parameterBytes: number;
  /** one batch's activations, forward and backward */
  activationBytes: number;
  /** train + val images, reconstruction targets and masks, plus IDX files while loading */
  dataBytes: number;
  totalBytes: number;
  image: { height: number; width: number };
  trainCount: number;
  valCount: number;
  batch: number;
  /** the layer holding the most parameters */
  largestLayer?: LayerPlan;
}

const F32 = 4;
const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
const OPTIMIZER_SLOTS = { sgd: 0, momentum: 1, adam: 2 } as const;
/** these strategies hold one trunk gradient per loss term at once */
const PER_TASK_GRADIENTS = new Set(['pcgrad', 'mgda', 'gradnorm']);

function layerParameters(l: LayerPlan): number {
  const out = l.kernelShape[l.kernelShape.length - 1];
  const norm = !l.trunk || l.norm === 'none' ? 0 : l.norm === 'batch' ? 4 * out : 2 * out;
  return size(l.kernelShape) + out + norm;
}

function dataCost(spec: Spec, idx: DataShapeHint | undefined) {
  if (spec.data.kind === 'shapes') {
    const side = spec.data.imageSize;
    const n = spec.data.trainCount + spec.data.valCount;
    // images, noise-free reconstruction targets and masks: three float arrays per split
    const bytes = n * side * side * F32 * 3 + n * 4;
    return { height: side, width: side, train: spec.data.trainCount, val: spec.data.valCount, bytes };
  }
  const d = spec.data;
  const h = idx ?? { height: 28, width: 28, count: 60_000, fileBytes: 60_000 * 785 };
  const px = h.height * h.width;
  const held = h.valCount ?? Math.max(1, Math.round(h.count * d.validationSplit));
  const rest = h.valCount !== undefined ? h.count : h.count - held;
  const train = d.limit !== undefined ? Math.min(d.limit, rest) : rest;
  const inflated = (h.count + (h.valCount ?? 0)) * (px + 1);
  // while loading, the stored files and their inflated bytes; then images (shared with the
  // reconstruction target) and masks as floats
  const bytes = h.fileBytes + inflated + (train + held) * px * F32 * 2;
  return { height: h.height, width: h.width, train, val: held, bytes };
}

/** Estimate the memory `spec` needs; `idx` gives the IDX header's sizes when known. */
export function estimateCost(spec: Spec, idx?: DataShapeHint): CostEstimate {
  const data = dataCost(spec, idx);
  const classes = spec.data.kind === 'shapes' ? spec.data.shapes.length : 10;
  const plan = planModel(spec, [data.height, data.width, 1], classes);
  let parameters = 0;
  let perSample = data.height * data.width;
  let largestLayer: LayerPlan | undefined;
  for (const l of plan.layers) {
    const p = layerParameters(l);
    parameters += p;
    if (!largestLayer || p > layerParameters(largestLayer)) largestLayer = l;
    // pre-activation, activation, and the normalised value when there is a norm layer
    perSample += size(l.outShape) * (l.trunk ? (l.norm === 'none' ? 2 : 3) : 1);
  }
  const batch = Math.max(spec.batchSize, spec.stats.probeBatchSize);
  const activationBytes = batch * perSample * F32 * 2; // backward holds a gradient per activation
  const copies =
    2 + OPTIMIZER_SLOTS[spec.optimizer.kind] + (PER_TASK_GRADIENTS.has(spec.weighting.method) ? plan.terms.length : 0);
  const parameterBytes = parameters * F32 * copies;
  return {
    parameters,
    parameterBytes,
    activationBytes,
    dataBytes: data.bytes,
    totalBytes: parameterBytes + activationBytes + data.bytes,
    image: { height: data.height, width: data.width },
    trainCount: data.train,
    valCount: data.val,
    batch,
    largestLayer,
  };
}

/** The spec field that best explains the largest part of the estimate. */
function blame(spec: Spec, c: CostEstimate): string {
  const part = Math.max(c.dataBytes, c.activationBytes, c.parameterBytes);
  if (part === c.dataBytes) return spec.data.kind === 'idx' ? 'data.images' : 'data.trainCount';
  if (part === c.activationBytes) return 'batchSize';
  const l = c.largestLayer;
  // a head's layers grow with the hidden width before them, or the trunk width when there is none
  if (l && !l.trunk) return spec.model.headHidden > 0 ? 'model.headHidden' : 'model.width';
  if (l?.kind === 'conv' && l.kernelShape[3] > 16 * spec.model.width) return 'model.downsampleEvery';
  if (l?.kind === 'dense' && spec.model.trunk === 'cnn' && l.trunk) return 'model.denseUnits';
  return 'model.width';
}

const count = (n: number) => (n >= 1e9 ? n.toExponential(1) : n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : String(n));

/** One line with every part of the estimate. */
export function describeCost(c: CostEstimate): string {
  const n = c.trainCount + c.valCount;
  return (
    `data ${formatBytes(c.dataBytes)} (${n} × ${c.image.height}×${c.image.width} images), ` +
    `activations ${formatBytes(c.activationBytes)} (batch ${c.batch}), ` +
    `parameters ${formatBytes(c.parameterBytes)} (${count(c.parameters)} weights with gradients and optimizer state)`
  );
}

/** An issue naming the field most to blame when `spec` is estimated above `maxBytes`; else none. */
export function checkBudget(spec: Spec, maxBytes: number, idx?: DataShapeHint): SpecIssue[] {
  const c = estimateCost(spec, idx);
  if (c.totalBytes <= maxBytes) return [];
  const message = `estimated ${formatBytes(c.totalBytes)} > budget ${formatBytes(maxBytes)}: ${describeCost(c)}`;
  return [{ field: blame(spec, c), message }];
}
