/**
 * Chart options of the Live run view, built from epoch records by pure functions: per-term loss
 * and metric curves (train solid, val dashed, one colour per curve pair), the layer heatmap,
 * vanishing ratio, task cosines and weights, and one layer's histogram.
 */
import { LAYER_STATS, type LayerStatField } from '@core/domain/layer-stats.ts';
import { type EpochRecord, partialLabel } from '@core/domain/records.ts';
import type { PartialMark } from './partial-marks.ts';
import { FIXED_LOG_SCALE } from './colour-scale.ts';
import { heatmapOption, histogramOption, type LineSpec, lineOption } from './options.ts';
import { cosineSeries, layerMatrix, metricSeries, termsAndMetrics, vanishingSeries, weightSeries } from './series.ts';

/** ECharts' default palette, so paired curves keep the colours people know. */
export const PALETTE = [
  '#5470c6',
  '#91cc75',
  '#fac858',
  '#ee6666',
  '#73c0de',
  '#3ba272',
  '#fc8452',
  '#9a60b4',
  '#ea7ccc',
];

interface PairedLine extends LineSpec {
  /** curves with the same group share a colour */
  group: string;
}

/** How the curves draw: EMA smoothing weight (0 = raw) and a log y axis. */
export interface CurveView {
  smoothing?: number;
  logY?: boolean;
}

/** A chart without a legend gets its plot closer to the title; no theme background. */
function tidy<O extends { legend?: object; grid: object }>(o: O): O {
  const hidden = o.legend && 'show' in o.legend && !o.legend.show;
  return { ...o, backgroundColor: 'transparent', grid: { ...o.grid, top: hidden ? 40 : 56 } };
}

/** The partial epoch of a diverged run (always its newest record), as chart marks take it. */
export function partialMarkOf(epochs: readonly EpochRecord[]): PartialMark | undefined {
  const last = epochs[epochs.length - 1];
  const label = last ? partialLabel(last) : null;
  return label ? { epoch: last.epoch, label } : undefined;
}

/** Every line of a one-run chart carries the run's partial mark (if any). */
const marked = <L extends LineSpec>(epochs: readonly EpochRecord[], lines: L[]): L[] => {
  const partial = partialMarkOf(epochs);
  return partial ? lines.map((l) => ({ ...l, partial })) : lines;
};

function pairedOption(title: string, lines: PairedLine[], yName: string, view: CurveView = {}) {
  const groups = [...new Set(lines.map((l) => l.group))];
  const series = lines.map((l) => ({ ...l, color: PALETTE[groups.indexOf(l.group) % PALETTE.length] }));
  return tidy(lineOption({ title, series, yName, ...view }));
}

function splitLines(epochs: EpochRecord[], term: string, metric: string, label: string): PairedLine[] {
  return [
    { name: `${label} train`, group: label, points: metricSeries(epochs, term, metric, 'train') },
    { name: `${label} val`, group: label, points: metricSeries(epochs, term, metric, 'val'), dashed: true },
  ];
}

/** Loss per loss term (task heads and aux heads), train solid, val dashed. */
export function lossOption(epochs: EpochRecord[], view: CurveView = {}) {
  const { terms } = termsAndMetrics(epochs);
  return pairedOption(
    'Loss per task (train solid, val dashed)',
    marked(
      epochs,
      terms.flatMap((t) => splitLines(epochs, t, 'loss', t)),
    ),
    'loss',
    view,
  );
}

/** Every non-loss metric per term (accuracy, IoU, pixel accuracy, MSE…), train solid, val dashed. */
export function metricOption(epochs: EpochRecord[], view: CurveView = {}) {
  const { terms, metrics } = termsAndMetrics(epochs);
  const lines = terms.flatMap((t) =>
    metrics[t].filter((m) => m !== 'loss').flatMap((m) => splitLines(epochs, t, m, `${t} ${m}`)),
  );
  return pairedOption('Metrics per task (train solid, val dashed)', marked(epochs, lines), 'value', view);
}

/** The statistics Live draws as a layer × epoch heatmap; probe-only ones say so in the title. */
export const HEATMAP_FIELDS: Array<{ field: LayerStatField; label: string; title: string }> = LAYER_STATS.filter(
  (s) => s.heatmap,
).map((s) => ({
  field: s.field,
  label: s.short,
  title: `${s.label} per layer${s.nullable ? ', probe epochs' : ''} (log10)`,
}));
export type HeatmapField = LayerStatField;

/**
 * The layer heatmap of one statistic. `fixed`: the scale every run shares (Compare's), so one
 * colour is one gradient size across runs; otherwise fitted to this run. `mark`: a log10 value
 * to mark on the colour bar (the health band, where the chart has one).
 */
export function layerHeatmapOption(
  epochs: EpochRecord[],
  field: HeatmapField,
  o: { fixed?: boolean; mark?: { log: number; label: string } } = {},
) {
  const f = HEATMAP_FIELDS.find((x) => x.field === field)!;
  const m = layerMatrix(epochs, field);
  const scale = o.fixed ? FIXED_LOG_SCALE : undefined;
  const h = heatmapOption({ title: f.title, valueName: f.label, ...m, scale, mark: o.mark });
  // about 32 layer labels fit; past that, every n-th
  const yAxis = { ...h.yAxis, axisLabel: { interval: Math.max(0, Math.ceil(m.layers.length / 32) - 1), fontSize: 10 } };
  // the partial epoch's column holds the last finite batch's statistics: its label says so
  const partial = partialMarkOf(epochs);
  const xAxis = partial
    ? { ...h.xAxis, data: h.xAxis.data.map((x) => (x === String(partial.epoch) ? `${x} (partial)` : x)) }
    : h.xAxis;
  return { ...h, xAxis, yAxis, backgroundColor: 'transparent' };
}

export function vanishingOption(epochs: EpochRecord[]) {
  const o = lineOption({
    title: '‖dL/dW‖ first/last trunk layer (size-dependent), log10',
    series: marked(epochs, [{ name: 'log10 ratio', points: vanishingSeries(epochs) }]),
    yName: 'log10 ratio',
  });
  return tidy({ ...o, legend: { show: false } });
}

export function cosineOption(epochs: EpochRecord[]) {
  return tidy(
    lineOption({
      title: 'Task-gradient cosine on the trunk (< 0: conflict)',
      series: marked(epochs, cosineSeries(epochs)),
      yName: 'cosine',
      yMin: -1,
      yMax: 1,
    }),
  );
}

export function weightsOption(epochs: EpochRecord[]) {
  return tidy(lineOption({ title: 'Task weights', series: marked(epochs, weightSeries(epochs)), yName: 'weight' }));
}

/** Histogram of dL/dW of one layer at one epoch; null when that epoch or layer is missing. */
export function layerHistogramOption(record: EpochRecord | undefined, layer: string) {
  const l = record?.layers.find((x) => x.layer === layer);
  if (!record || !l) return null;
  return {
    ...histogramOption({ title: `dL/dW of ${layer}, epoch ${record.epoch}`, histogram: l.histogram }),
    backgroundColor: 'transparent',
  };
}

/** Layer names in the order the records list them. */
export function layerNames(epochs: readonly EpochRecord[]): string[] {
  const last = epochs[epochs.length - 1];
  return last ? last.layers.map((l) => l.layer) : [];
}
