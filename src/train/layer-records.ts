/**
 * Turning an epoch's captured gradients, kernels and probe into per-layer statistics: each tensor
 * is read once and summarised on the host in float64 (fused-stats.ts: the native tier's loops or host-stats.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayerProbe, ProbeResult } from './probe.ts';
import type { LayerStats } from '../domain/records.ts';
import type { StepState } from './step.ts';
import { fromLog10Counts, type GradSpread } from './grad-quantiles.ts';
import { weightNorms } from './host-stats.ts';
import { gradientStats } from './fused-stats.ts';

/**
 * Kernels as they are now (before the epoch's first or last update): a clone shares data, and the
 * optimizer assigns new tensors to the variables, so this copies nothing and keeps the old values.
 */
export function snapshotKernels(st: StepState): tf.Tensor[] {
  return st.net.vars.map((v) => tf.clone(v.kernel));
}

/**
 * @param grads  the applied gradient of the epoch's last batch, by variable name
 * @param before snapshotKernels() taken before that batch's update (disposed here)
 * @param epochStart snapshotKernels() taken before the epoch's first update (disposed here)
 * @param after  kernels after that batch's update (not disposed here); the variables themselves
 *               unless a later, diverged batch has overwritten them since
 */
export function layerRecords(
  st: StepState,
  grads: tf.NamedTensorMap,
  before: tf.Tensor[],
  epochStart: tf.Tensor[],
  probe: ProbeResult | null,
  bins: number,
  after: tf.Tensor[] = st.net.vars.map((v) => v.kernel),
): LayerStats[] {
  const values = (t: tf.Tensor) => t.dataSync() as Float32Array;
  const records = st.plan.layers.map((l, i) => {
    const kernel = st.net.vars[i].kernel;
    const params = kernel.size;
    const g = grads[kernel.name] ? values(grads[kernel.name]) : new Float32Array(params);
    const { summary: s, histogram: counts, log10 } = gradientStats(g, bins);
    const n = weightNorms(values(after[i]), values(before[i]), values(epochStart[i]));
    const [w, d, b, de, be] = [n.w, n.step, n.before, n.epoch, n.start];
    const spread = fromLog10Counts(log10, params);
    const p = probe?.layers[i];
    const epochChange = be > 0 ? de / be : 0;
    return {
      layer: l.name,
      index: i,
      kind: l.kind,
      trunk: l.trunk,
      params,
      gradL2: s.l2,
      gradMeanAbs: s.meanAbs,
      gradStd: s.std,
      gradMaxAbs: s.maxAbs,
      gradSmallFrac: s.smallFrac,
      dzL2: p ? p.dzL2 : null,
      dzStd: p ? p.dzStd : null,
      weightL2: w,
      updateRatio: b > 0 ? d / b : 0,
      actMean: p ? p.actMean : null,
      actStd: p ? p.actStd : null,
      actSaturation: p ? p.actSaturation : null,
      ...scaleFree(params, s.l2, d, epochChange, spread, p),
      histogram: { min: s.min, max: s.max, counts: Array.from(counts) },
    };
  });
  tf.dispose([...before, ...epochStart]);
  return records;
}

/** The size-free statistics (layer-stats-scale-free.ts) of a layer of `params` kernel entries. */
function scaleFree(
  params: number,
  gradL2: number,
  stepL2: number,
  epochChange: number,
  spread: GradSpread,
  p: LayerProbe | undefined,
) {
  return {
    gradRms: gradL2 / Math.sqrt(params),
    dzRms: p ? p.dzRms : null,
    gradZeroFrac: spread.zeroFrac,
    gradLog10P05: spread.p05,
    gradLog10P50: spread.p50,
    gradLog10P95: spread.p95,
    updateRatioEpoch: epochChange,
    updateRms: stepL2 / Math.sqrt(params),
  };
}
