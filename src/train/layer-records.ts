/**
 * Turning an epoch's captured gradients, kernels and probe into per-layer statistics, computed on
 * the backend and read back in two small transfers (summaries, then histograms).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ProbeResult } from './probe.ts';
import type { LayerStats } from '../domain/records.ts';
import type { StepState } from './step.ts';
import { fromSummary, histogramCounts, SUMMARY_SIZE, summaryVector } from './tensor-stats.ts';

/** Per layer: the gradient summary, then [‖W_after‖², ‖W_after − W_before‖², ‖W_before‖²]. */
const ROW = SUMMARY_SIZE + 3;

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
  const packed = tf.tidy(() =>
    tf.stack(
      st.net.vars.map((v, i) => {
        const w = v.kernel;
        const extra = tf.stack([
          tf.sum(tf.square(w)),
          tf.sum(tf.square(tf.sub(w, before[i]))),
          tf.sum(tf.square(before[i])),
        ]);
        return tf.concat([summaryVector(gradOf(i)), extra]);
      }),
    ),
  );
  const rows = packed.dataSync();
  packed.dispose();
  const summaries = st.plan.layers.map((_, i) => fromSummary(rows, i * ROW));
  const hist = tf.tidy(() =>
    tf.stack(st.plan.layers.map((_, i) => histogramCounts(gradOf(i), summaries[i].min, summaries[i].max, bins))),
  );
  const counts = hist.dataSync();
  hist.dispose();
  tf.dispose(before);
  return st.plan.layers.map((l, i) => {
    const s = summaries[i];
    const [wSq, dSq, bSq] = [
      rows[i * ROW + SUMMARY_SIZE],
      rows[i * ROW + SUMMARY_SIZE + 1],
      rows[i * ROW + SUMMARY_SIZE + 2],
    ];
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
      weightL2: Math.sqrt(wSq),
      updateRatio: bSq > 0 ? Math.sqrt(dSq / bSq) : 0,
      actMean: p ? p.actMean : null,
      actStd: p ? p.actStd : null,
      actSaturation: p ? p.actSaturation : null,
      histogram: { min: s.min, max: s.max, counts: Array.from(counts.subarray(i * bins, (i + 1) * bins)) },
    };
  });
}
