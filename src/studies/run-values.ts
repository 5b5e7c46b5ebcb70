/** What the studies read of one stored run: trunk profiles, fits, final metrics. Pure. */
import type { EpochRecord, LayerStats } from '../domain/records.ts';
import type { StoredRun } from './types.ts';

/** The run's first probed epoch (dL/dz measured), or undefined: the one closest to the init. */
export const firstProbed = (r: StoredRun): EpochRecord | undefined => r.epochs.find((e) => e.probed);

/** The run's last full epoch: a diverged run's partial epoch holds only the batches before it blew up. */
export const lastEpoch = (r: StoredRun): EpochRecord | undefined => r.epochs.filter((e) => !e.partial).at(-1);

export const trunkOf = (e: EpochRecord | undefined): LayerStats[] => (e ? e.layers.filter((l) => l.trunk) : []);

/** log10 of a positive statistic, NaN otherwise (a zero or missing gradient is no point on a log axis). */
export const log10 = (v: number | null | undefined) => (v !== null && v !== undefined && v > 0 ? Math.log10(v) : NaN);

/**
 * Least-squares slope of `y` over positions 1..n, in y units per position; NaN with fewer than
 * two finite points. On log10 dL/dz by trunk layer it is the decay toward the input in
 * decades/layer (positive when the signal shrinks on its way back to the first layer).
 */
export function slope(y: number[]): number {
  const pts = y.map((v, i) => [i + 1, v] as const).filter(([, v]) => Number.isFinite(v));
  const n = pts.length;
  if (n < 2) return NaN;
  const mx = pts.reduce((a, [x]) => a + x, 0) / n;
  const my = pts.reduce((a, [, v]) => a + v, 0) / n;
  const sxy = pts.reduce((a, [x, v]) => a + (x - mx) * (v - my), 0);
  const sxx = pts.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxy / sxx;
}

/** A metric of the run's last epoch (e.g. cls · train · loss), NaN when it was not recorded. */
export function finalMetric(r: StoredRun, task: string, split: 'train' | 'val', name: string): number {
  const m = lastEpoch(r)?.metrics.find((x) => x.task === task && x.split === split && x.name === name);
  return m ? m.value : NaN;
}

/** A metric per epoch, NaN where missing. */
export function metricCurve(r: StoredRun, task: string, split: 'train' | 'val', name: string): number[] {
  return r.epochs.map(
    (e) => e.metrics.find((x) => x.task === task && x.split === split && x.name === name)?.value ?? NaN,
  );
}

/** The norm of one loss term's own gradient on the shared trunk at `e`, NaN when not probed. */
export function taskGradNorm(e: EpochRecord | undefined, task: string): number {
  return e?.taskGrads.find((t) => t.task === task)?.norm ?? NaN;
}

/** The smallest cosine between two task gradients at `e`, NaN without pairs. */
export function minCosine(e: EpochRecord | undefined): number {
  const c = e?.taskCosines.map((x) => x.cosine) ?? [];
  return c.length ? Math.min(...c) : NaN;
}
