/**
 * Compare's overlays: one line per run for a chosen series, named by run, each run keeping one
 * colour across every chart and table. Pure: from runs.compare's CompareData to LineSpecs.
 */
import type { CompareData } from '@core/api/contract.ts';
import { LAYER_STATS } from '@core/domain/layer-stats.ts';
import { partialLabel } from '@core/domain/records.ts';
import type { RunDetail } from '@core/domain/runs.ts';
import { HEALTH_FIELDS, type SeriesChoice } from './compare-choices.ts';
import { LINE_GRID, lineOption, type LineSpec, zoomOf } from './options.ts';
import type { PartialMark } from './partial-marks.ts';
import { log10, type LayerField, type Point } from './series.ts';

export type { Choices, SeriesChoice } from './compare-choices.ts';
export { HEALTH_FIELDS, seriesChoices } from './compare-choices.ts';

/** Layer statistics Compare offers as overlays, and whether they read better as log10. */
export const LAYER_FIELDS: Array<{ field: LayerField; label: string; log: boolean; unit: string }> = LAYER_STATS.filter(
  (s) => s.overlay,
).map((s) => ({ field: s.field, label: s.label, log: s.log, unit: s.unit }));

/** 20 distinguishable colours (Compare takes at most 20 runs); run i gets RUN_COLORS[i]. */
export const RUN_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#7f7f7f',
  '#ff7f0e',
];
export const runColor = (i: number) => RUN_COLORS[i % RUN_COLORS.length];

/** Run names for legends: the name (or the short id), with a short id added where names repeat. */
export function runLabels(runs: Array<Pick<RunDetail, 'id' | 'name'>>): string[] {
  const base = runs.map((r) => r.name || r.id.slice(0, 8));
  const seen = new Map<string, number>();
  base.forEach((b) => seen.set(b, (seen.get(b) ?? 0) + 1));
  return base.map((b, i) => ((seen.get(b) ?? 0) > 1 ? `${b} (${runs[i].id.slice(0, 6)})` : b));
}

const pair = (
  d: CompareData,
  values: ReadonlyArray<number | null> | undefined,
  f: (v: number | null) => number | null = (v) => v,
): Point[] => d.epochs.map((e, x) => [e, f(values?.[x] ?? null)]);

/** The chosen series of one run as [epoch, value] points; nulls where the run has no such value. */
export function pointsFor(d: CompareData | undefined, c: SeriesChoice): Point[] {
  if (!d) return [];
  if (c.kind === 'vanishing') return pair(d, d.vanishingRatio, log10);
  if (c.kind === 'metric')
    return pair(d, d.metrics.find((m) => m.task === c.task && m.name === c.name && m.split === c.split)?.values);
  if (c.kind === 'weight') return pair(d, d.weights.find((w) => w.name === c.term)?.values);
  // norms span decades across runs and epochs: log10, like the layer norms
  if (c.kind === 'taskGrad') return pair(d, d.taskGrads.find((g) => g.name === c.task)?.values, log10);
  if (c.kind === 'cosine') return pair(d, d.taskCosines.find((p) => p.a === c.a && p.b === c.b)?.values);
  if (c.kind === 'health') {
    const f = c.field;
    return pair(
      d,
      d.health.map((h) => h?.[f] ?? null),
      (v) => (v === null || Number.isFinite(v) ? v : null),
    );
  }
  const log = LAYER_FIELDS.find((f) => f.field === c.field)?.log ?? false;
  const y = d.layers.indexOf(c.layer);
  // a layer statistic not loaded yet (fetched on demand) draws as gaps until it arrives
  return pair(d, y < 0 ? undefined : d.layerStats[c.field]?.[y], log ? log10 : undefined);
}

/** A diverged run's partial epoch, labelled with the run's name for the tooltip; undefined when it has none. */
export function comparePartial(d: CompareData | undefined, runLabel: string): PartialMark | undefined {
  const x = d?.divergence?.findIndex((v) => v !== null) ?? -1;
  if (!d || x < 0) return undefined;
  return {
    epoch: d.epochs[x],
    label: `${runLabel}: ${partialLabel({ epoch: d.epochs[x], divergence: d.divergence[x] })}`,
  };
}

/** One line per run, in the runs' order (so series i has colour i); a partial epoch is marked. */
export function compareLines(runs: RunDetail[], data: Record<string, CompareData>, c: SeriesChoice): LineSpec[] {
  const labels = runLabels(runs);
  return runs.map((r, i) => ({
    name: labels[i],
    points: pointsFor(data[r.id], c),
    partial: comparePartial(data[r.id], labels[i]),
  }));
}

export function choiceTitle(c: SeriesChoice): { title: string; yName: string } {
  if (c.kind === 'vanishing') return { title: '‖dL/dW‖ first/last trunk layer (size-dependent)', yName: 'log10' };
  if (c.kind === 'metric') return { title: `${c.task} ${c.name} (${c.split})`, yName: c.name };
  if (c.kind === 'weight') return { title: `task weight of ${c.term}`, yName: 'weight' };
  if (c.kind === 'taskGrad') return { title: `‖∇ ${c.task} loss‖ on the shared trunk`, yName: 'log10' };
  if (c.kind === 'cosine')
    return { title: `cosine of ${c.a} and ${c.b} trunk gradients (< 0: conflict)`, yName: 'cos' };
  if (c.kind === 'health') {
    const h = HEALTH_FIELDS.find((x) => x.field === c.field);
    return { title: `gradient health: ${h?.label ?? c.field}`, yName: h?.yName ?? '' };
  }
  const f = LAYER_FIELDS.find((x) => x.field === c.field);
  return { title: `${c.layer} ${f?.label ?? c.field}`, yName: f?.log ? 'log10' : (f?.unit ?? '') };
}

/** The overlay's plot area: no legend on top; slider and legend below. */
export const OVERLAY_GRID = { ...LINE_GRID, top: 40, bottom: 96 };

/**
 * The overlay: lineOption with the colours pinned to the runs (raw and smoothed curves of a run
 * alike), the legend under the plot (run names are long) below the zoom slider.
 */
export function compareLineOption(o: {
  title: string;
  yName: string;
  series: LineSpec[];
  smoothing?: number;
  logY?: boolean;
}) {
  // a seed group's mean line comes with its first run's colour pinned (charts/seed-bands.ts)
  const series = o.series.map((s, i) => ({ ...s, color: s.color ?? runColor(i) }));
  const base = lineOption({ ...o, series });
  return {
    ...base,
    color: series.map((s) => s.color),
    legend: { ...base.legend, top: undefined, right: undefined, bottom: 4, left: 8 },
    grid: { ...OVERLAY_GRID },
    dataZoom: zoomOf(32),
  };
}
