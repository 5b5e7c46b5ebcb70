/** Turning an epoch's captured gradients, weights and probe into per-layer statistics. */
import type * as tf from '@tensorflow/tfjs-core';
import type { ProbeResult } from './probe.ts';
import type { LayerStats } from './records.ts';
import { histogram, l2, summarize, updateRatio } from './stats.ts';
import type { StepState } from './step.ts';

/**
 * @param grads  the applied gradient of the epoch's last batch, by variable name
 * @param before kernels before that batch's update; `after` after it (same order as the layers)
 */
export function layerRecords(
  st: StepState,
  grads: tf.NamedTensorMap,
  before: Float32Array[],
  after: Float32Array[],
  probe: ProbeResult | null,
  bins: number,
): LayerStats[] {
  return st.plan.layers.map((l, i) => {
    const kernel = st.net.vars[i].kernel;
    const g = grads[kernel.name] ? (grads[kernel.name].dataSync() as Float32Array) : new Float32Array(kernel.size);
    const s = summarize(g);
    const p = probe?.layers[i];
    return {
      layer: l.name,
      index: i,
      kind: l.kind,
      trunk: l.trunk,
      params: kernel.size,
      gradL2: s.l2,
      gradMeanAbs: s.meanAbs,
      gradStd: s.std,
      gradMaxAbs: s.maxAbs,
      gradSmallFrac: s.smallFrac,
      dzL2: p ? p.dzL2 : null,
      dzStd: p ? p.dzStd : null,
      weightL2: l2(after[i]),
      updateRatio: updateRatio(before[i], after[i]),
      actMean: p ? p.actMean : null,
      actStd: p ? p.actStd : null,
      actSaturation: p ? p.actSaturation : null,
      histogram: histogram(g, bins, s.min, s.max),
    };
  });
}
