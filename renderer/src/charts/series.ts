/**
 * Pure extractors from stored epoch records to chart data. No DOM, no ECharts: unit-tested.
 */
import type { LayerStatField } from '@core/domain/layer-stats.ts';
import type { EpochRecord } from '@core/domain/records.ts';
import type { Split } from '@core/domain/run-status.ts';

export type Point = [number, number | null];

/** [epoch, value] of one task metric on one split. */
export function metricSeries(epochs: EpochRecord[], task: string, name: string, split: Split): Point[] {
  return epochs.map((e) => [
    e.epoch,
    e.metrics.find((m) => m.task === task && m.name === name && m.split === split)?.value ?? null,
  ]);
}

/** Loss terms and metric names present in the records, in first-seen order. */
export function termsAndMetrics(epochs: EpochRecord[]): { terms: string[]; metrics: Record<string, string[]> } {
  const terms: string[] = [];
  const metrics: Record<string, string[]> = {};
  for (const e of epochs)
    for (const m of e.metrics) {
      if (!terms.includes(m.task)) terms.push(m.task);
      const list = (metrics[m.task] ??= []);
      if (!list.includes(m.name)) list.push(m.name);
    }
  return { terms, metrics };
}

/** log10 of a positive number; null for 0, negatives, NaN, null. */
export const log10 = (v: number | null | undefined): number | null =>
  v !== null && v !== undefined && v > 0 && Number.isFinite(v) ? Math.log10(v) : null;

/** Any scalar layer statistic (a row of LAYER_STATS). */
export type LayerField = LayerStatField;

/** Layer × epoch matrix of a layer statistic: `layers` names (rows), `epochs` (columns), values. */
export function layerMatrix(
  epochs: EpochRecord[],
  field: LayerField,
  trunkOnly = false,
): { layers: string[]; epochs: number[]; values: Array<Array<number | null>> } {
  const layers: string[] = [];
  for (const e of epochs)
    for (const l of e.layers) if ((!trunkOnly || l.trunk) && !layers.includes(l.layer)) layers.push(l.layer);
  const values = layers.map((name) =>
    epochs.map((e) => (e.layers.find((l) => l.layer === name)?.[field] as number | null | undefined) ?? null),
  );
  return { layers, epochs: epochs.map((e) => e.epoch), values };
}

export function vanishingSeries(epochs: EpochRecord[]): Point[] {
  return epochs.map((e) => [e.epoch, log10(e.vanishingRatio)]);
}

/** One series per task pair: cosine of their gradients on the shared trunk (probe epochs only). */
export function cosineSeries(epochs: EpochRecord[]): Array<{ name: string; points: Point[] }> {
  const names = [...new Set(epochs.flatMap((e) => e.taskCosines.map((c) => `${c.a} · ${c.b}`)))];
  return names.map((name) => ({
    name,
    points: epochs
      .filter((e) => e.probed)
      .map((e) => [e.epoch, e.taskCosines.find((c) => `${c.a} · ${c.b}` === name)?.cosine ?? null]),
  }));
}

export function weightSeries(epochs: EpochRecord[]): Array<{ name: string; points: Point[] }> {
  const names = [...new Set(epochs.flatMap((e) => Object.keys(e.weights)))];
  return names.map((name) => ({ name, points: epochs.map((e) => [e.epoch, e.weights[name] ?? null]) }));
}

export function taskGradSeries(epochs: EpochRecord[]): Array<{ name: string; points: Point[] }> {
  const names = [...new Set(epochs.flatMap((e) => e.taskGrads.map((t) => t.task)))];
  return names.map((name) => ({
    name,
    points: epochs.filter((e) => e.probed).map((e) => [e.epoch, log10(e.taskGrads.find((t) => t.task === name)?.norm)]),
  }));
}

/**
 * Exponential moving average with TensorBoard's debiasing (early points are not pulled toward
 * 0): s_t = w·s_(t−1) + (1−w)·x_t, divided by 1 − w^t. `weight` 0 returns the points unchanged;
 * nulls stay gaps and do not advance the average.
 */
export function ema(points: readonly Point[], weight: number): Point[] {
  const w = Math.min(0.999, Math.max(0, weight));
  if (w === 0) return points as Point[];
  let s = 0;
  let n = 0;
  return points.map(([x, y]) => {
    if (y === null || !Number.isFinite(y)) return [x, null];
    s = w * s + (1 - w) * y;
    n++;
    return [x, s / (1 - w ** n)];
  });
}
