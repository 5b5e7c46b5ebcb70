/**
 * Turning an epoch's captured gradients, kernels and probe into per-layer statistics, computed on
 * the backend and read back in two small transfers (summaries, then histograms).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayerProbe, ProbeResult } from './probe.ts';
import type { LayerStats } from '../domain/records.ts';
import type { StepState } from './step.ts';
import { readAll } from './exact-sum.ts';
import { fromLog10Counts, type GradSpread, LOG10_BINS, log10Counts } from './grad-quantiles.ts';
import { fromNorm, fromSummary, histogramCounts, normVector, summaryVector } from './tensor-stats.ts';

/**
 * Per layer, read together: the gradient summary, then ‖W_after‖, ‖W_after − W_before‖, ‖W_before‖
 * (the last step), ‖W_after − W_epochStart‖, ‖W_epochStart‖ (the whole epoch).
 */
const PARTS = 6;

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
  const gradOf = (i: number) => grads[st.net.vars[i].kernel.name] ?? tf.zerosLike(st.net.vars[i].kernel);
  const rows = readAll(
    after.flatMap((w, i) =>
      tf.tidy(() => [
        summaryVector(gradOf(i)),
        normVector(w),
        normVector(tf.sub(w, before[i])),
        normVector(before[i]),
        normVector(tf.sub(w, epochStart[i])),
        normVector(epochStart[i]),
      ]),
    ),
  );
  const summaries = st.plan.layers.map((_, i) => fromSummary(rows[i * PARTS], st.net.vars[i].kernel.size));
  const [counts, logCounts] = readAll([
    tf.tidy(() =>
      tf.stack(st.plan.layers.map((_, i) => histogramCounts(gradOf(i), summaries[i].min, summaries[i].max, bins))),
    ),
    tf.tidy(() => tf.stack(st.plan.layers.map((_, i) => log10Counts(gradOf(i))))),
  ]);
  tf.dispose([...before, ...epochStart]);
  const L = LOG10_BINS;
  return st.plan.layers.map((l, i) => {
    const s = summaries[i];
    const [w, d, b, de, be] = [1, 2, 3, 4, 5].map((k) => fromNorm(rows[i * PARTS + k]));
    const p = probe?.layers[i];
    const params = st.net.vars[i].kernel.size;
    const spread = fromLog10Counts(logCounts.subarray(i * L, (i + 1) * L), params);
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
      ...scaleFree(params, s.l2, d, be > 0 ? de / be : 0, spread, p),
      histogram: { min: s.min, max: s.max, counts: Array.from(counts.subarray(i * bins, (i + 1) * bins)) },
    };
  });
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
