/**
 * Synthetic stored runs with a known answer for the study measures: a trunk whose RMS dL/dz decays
 * geometrically by a chosen number of decades per layer, a chosen ‖dL/dW‖ profile, and a loss.
 */
import { gradientHealth } from '../../../src/domain/health.ts';
import type { EpochRecord, LayerStats } from '../../../src/domain/records.ts';
import { parseSpec, type SpecInput } from '../../../src/experiment/spec.ts';
import type { StoredRun } from '../../../src/studies/types.ts';

export interface SyntheticEpoch {
  /** log10 RMS dL/dz of trunk.1 … trunk.n */
  dzLog10?: number[];
  /** log10 ‖dL/dW‖ of trunk.1 … trunk.n (default: the dz profile) */
  gradLog10?: number[];
  /** metric values by `task/split/name`, e.g. { 'cls/train/loss': 1.0986 } */
  metrics?: Record<string, number>;
  taskGrads?: Record<string, number>;
  cosines?: number[];
}

function trunkLayer(i: number, dz: number, grad: number): LayerStats {
  const values = {
    gradL2: 10 ** grad,
    gradMeanAbs: 0,
    gradStd: 0,
    gradMaxAbs: 0,
    gradSmallFrac: 0,
    dzL2: 10 ** dz,
    dzStd: 0,
    weightL2: 1,
    updateRatio: 0,
    actMean: 0,
    actStd: 0,
    actSaturation: 0,
    gradRms: 10 ** grad,
    dzRms: 10 ** dz,
    gradZeroFrac: 0,
    gradLog10P05: null,
    gradLog10P50: null,
    gradLog10P95: null,
    updateRatioEpoch: null,
    updateRms: null,
  };
  return {
    layer: `trunk.${i + 1}`,
    index: i,
    kind: 'dense',
    trunk: true,
    params: 1,
    histogram: { min: 0, max: 0, counts: [] },
    ...values,
  };
}

export function syntheticEpoch(epoch: number, e: SyntheticEpoch): EpochRecord {
  const dz = e.dzLog10 ?? e.gradLog10 ?? [];
  const grad = e.gradLog10 ?? dz;
  const layers = dz.map((v, i) => trunkLayer(i, v, grad[i]));
  return {
    epoch,
    durationMs: 1,
    samplesPerSec: 1,
    metrics: Object.entries(e.metrics ?? {}).map(([key, value]) => {
      const [task, split, name] = key.split('/');
      return { task, split: split as 'train' | 'val', name, value };
    }),
    weights: {},
    layers,
    taskGrads: Object.entries(e.taskGrads ?? {}).map(([task, norm]) => ({ task, norm })),
    taskCosines: (e.cosines ?? []).map((cosine) => ({ a: 'cls', b: 'seg', cosine })),
    vanishingRatio: null,
    health: gradientHealth(layers, null, 3),
    probed: true,
    partial: false,
    divergence: null,
  };
}

let next = 0;

/** A completed run of `spec` (defaults filled in) with these epochs. */
export function syntheticRun(spec: SpecInput, epochs: SyntheticEpoch[]): StoredRun {
  next += 1;
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    spec: parseSpec(spec),
    status: 'completed',
    epochs: epochs.map((e, i) => syntheticEpoch(i + 1, e)),
  };
}

/** log10 RMS dL/dz over `layers` layers that shrinks by `decades` per layer toward the input. */
export const geometric = (layers: number, decades: number, top = -2) =>
  Array.from({ length: layers }, (_, i) => top - decades * (layers - 1 - i));
