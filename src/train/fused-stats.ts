/**
 * Each array's epoch statistics in the fewest passes: on the native tier's loops (native/blas
 * hoststats.c, two passes per array) when the addon has them, else on the JavaScript of stats.ts
 * and host-stats.ts, which stays the reference. Both give the same numbers bit for bit (the C
 * sums in the same order, with the same float32 steps); test/unit/train/fused-stats.test.ts holds
 * them to it.
 */
import type { Activation } from '../experiment/spec.ts';
import { blasAddon } from './backend/blas.ts';
import { LOG10_BINS } from './grad-quantiles.ts';
import { histogramF32, log10CountsF32, log10Table, saturatedCountF32 } from './host-stats.ts';
import { finishSummary, summarize, type Summary } from './stats.ts';

export interface GradientStats {
  summary: Summary;
  /** histogramF32 over [summary.min, summary.max] */
  histogram: Float64Array;
  /** log10CountsF32 */
  log10: Float64Array;
}

/** A gradient's summary, histogram of `bins` bins, and log10 bin counts. */
export function gradientStats(g: Float32Array, bins: number): GradientStats {
  const native = blasAddon()?.gradientStats;
  if (!native) {
    const summary = summarize(g);
    return { summary, histogram: histogramF32(g, summary.min, summary.max, bins), log10: log10CountsF32(g) };
  }
  const { start, next } = log10Table();
  const [histogram, log10, out] = [new Float64Array(bins), new Float64Array(LOG10_BINS), new Float64Array(8)];
  native(g, histogram, log10, start, next, out);
  return { summary: finishSummary(g.length, out), histogram, log10 };
}

/** The saturation rule's code for the addon: 0 none (linear), 1 sigmoid, 2 tanh, 3 x ≤ 0. */
function actCode(act: Activation): number {
  return act === 'linear' ? 0 : act === 'sigmoid' ? 1 : act === 'tanh' ? 2 : 3;
}

/** An activation's summary and saturated-unit count (null for linear). */
export function activationStats(a: Float32Array, act: Activation): { summary: Summary; saturated: number | null } {
  const native = blasAddon()?.arrayStats;
  if (!native) return { summary: summarize(a), saturated: saturatedCountF32(a, act) };
  const out = new Float64Array(9);
  native(a, actCode(act), out);
  return { summary: finishSummary(a.length, out), saturated: act === 'linear' ? null : out[8] };
}

/** summarize(v), on the addon when it has the loop. */
export function valuesSummary(v: Float32Array): Summary {
  const native = blasAddon()?.arrayStats;
  if (!native) return summarize(v);
  const out = new Float64Array(9);
  native(v, 0, out);
  return finishSummary(v.length, out);
}
