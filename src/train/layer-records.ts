/**
 * Turning an epoch's captured gradients, kernels and probe into per-layer statistics, computed on
 * the backend and read back in two small transfers (summaries, then histograms).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ProbeResult } from './probe.ts';
import type { LayerStats } from '../domain/records.ts';
import type { StepState } from './step.ts';
import { readAll } from './exact-sum.ts';
import { fromNorm, fromSummary, histogramCounts, normVector, summaryVector } from './tensor-stats.ts';

/** Per layer, read together: the gradient summary, then ‖W_after‖, ‖W_after − W_before‖, ‖W_before‖. */
const PARTS = 4;

/** Kernels before the epoch's last update: clones share data, so this copies nothing. */
export function snapshotKernels(st: StepState): tf.Tensor[] {
  return st.net.vars.map((v) => tf.clone(v.kernel));
}

/**
 * @param grads  the applied gradient of the epoch's last batch, by variable name
 * @param before snapshotKernels() taken before that batch's update (disposed here)
 */
export function layerRecords(
  st: StepState,
  grads: tf.NamedTensorMap,
  before: tf.Tensor[],
  probe: ProbeResult | null,
  bins: number,
): LayerStats[] {
  const gradOf = (i: number) => grads[st.net.vars[i].kernel.name] ?? tf.zerosLike(st.net.vars[i].kernel);
  const rows = readAll(
    st.net.vars.flatMap((v, i) =>
      tf.tidy(() => [
        summaryVector(gradOf(i)),
        normVector(v.kernel),
        normVector(tf.sub(v.kernel, before[i])),
        normVector(before[i]),
      ]),
    ),
  );
  const summaries = st.plan.layers.map((_, i) => fromSummary(rows[i * PARTS], st.net.vars[i].kernel.size));
  const [counts] = readAll([
    tf.tidy(() =>
      tf.stack(st.plan.layers.map((_, i) => histogramCounts(gradOf(i), summaries[i].min, summaries[i].max, bins))),
    ),
  ]);
  tf.dispose(before);
  return st.plan.layers.map((l, i) => {
    const s = summaries[i];
    const [w, d, b] = [1, 2, 3].map((k) => fromNorm(rows[i * PARTS + k]));
    const p = probe?.layers[i];
    return {
      layer: l.name,
      index: i,
      kind: l.kind,
      trunk: l.trunk,
      params: st.net.vars[i].kernel.size,
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
      histogram: { min: s.min, max: s.max, counts: Array.from(counts.subarray(i * bins, (i + 1) * bins)) },
    };
  });
}
