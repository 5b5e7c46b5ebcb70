/**
 * ECharts option builders: pure functions from chart data to options (unit-tested).
 */
import type { Histogram } from '@core/domain/records.ts';
import { fitLogScale, type LogScale, scalePieces } from './colour-scale.ts';
import { type PartialMark, partialTip, withPartial } from './partial-marks.ts';
import { ema, type Point } from './series.ts';
import { binTooltip, epochTooltip, heatTooltip, richTooltip, type TipParam } from './tooltip.ts';

export interface LineSpec {
  name: string;
  points: Point[];
  dashed?: boolean;
  /** pinned colour (paired curves, one colour per run); ECharts' palette otherwise */
  color?: string;
  /** a diverged run's partial epoch on this curve, marked (partial-marks.ts) */
  partial?: PartialMark;
}

/** Faint raw curves under smoothing are named `<name> (raw)`; the tooltip folds them in. */
export const RAW_SUFFIX = ' (raw)';

/** The plot area of a line chart: room for the title, the legend, the y name and the zoom slider. */
export const LINE_GRID = { left: 64, right: 18, top: 56, bottom: 72 };
/** The plot area of a heatmap: layer names on the left, the colour bar's labels on the right. */
export const HEAT_GRID = { left: 90, right: 150, top: 40, bottom: 64 };

const base = (title: string, marks: ReadonlyMap<string, PartialMark> = new Map()) => ({
  animation: false,
  // the panel's colour shows through, in light and dark
  backgroundColor: 'transparent',
  title: { text: title, left: 8, top: 4, textStyle: { fontSize: 13, fontWeight: 600 } },
  tooltip: richTooltip((p: TipParam[]) => {
    const t = partialTip(Array.isArray(p) ? p : [p], marks);
    return [epochTooltip(t.params, { rawSuffix: RAW_SUFFIX }), ...t.labels].join('\n');
  }),
  grid: { ...LINE_GRID },
});

/** Wheel/drag zoom on x inside the plot and a slider under it; the chart wrapper offers a reset. */
export const zoomOf = (bottom = 8) => [
  { type: 'inside' as const, xAxisIndex: 0, filterMode: 'none' as const },
  { type: 'slider' as const, xAxisIndex: 0, height: 14, bottom, filterMode: 'none' as const },
];

/** Points a log axis can draw: non-positive values become gaps. */
const positive = (pts: Point[]): Point[] => pts.map(([x, y]) => [x, y !== null && y > 0 ? y : null]);

function lineSeries(s: LineSpec, o: { smoothing: number; logY: boolean }) {
  const raw = o.logY ? positive(s.points) : s.points;
  const few = s.points.filter((p) => p[1] !== null).length;
  const line = (name: string, data: Point[], faint: boolean) => ({
    type: 'line' as const,
    name,
    data,
    // a one- or two-epoch run draws dots, not an invisible zero-length line
    showSymbol: !faint && few < 30,
    symbolSize: few <= 2 ? 8 : 4,
    connectNulls: true,
    itemStyle: { color: s.color },
    lineStyle: { type: s.dashed ? ('dashed' as const) : undefined, color: s.color, opacity: faint ? 0.25 : 1 },
    ...(faint ? { silent: true, legendHoverLink: false, z: 1 } : { z: 2 }),
  });
  if (o.smoothing <= 0) return withPartial([line(s.name, raw, false)], s.partial);
  return withPartial([line(s.name + RAW_SUFFIX, raw, true), line(s.name, ema(raw, o.smoothing), false)], s.partial);
}

export function lineOption(o: {
  title: string;
  series: LineSpec[];
  yName?: string;
  xName?: string;
  yMin?: number;
  yMax?: number;
  /** EMA weight in [0, 1): 0 draws the raw curves only, else smoothed ones over faint raw ones */
  smoothing?: number;
  /** a log10 y axis (loss spanning decades); values ≤ 0 are left out */
  logY?: boolean;
}) {
  const smoothing = o.smoothing ?? 0;
  const logY = o.logY ?? false;
  const marks = new Map(o.series.flatMap((s) => (s.partial ? [[s.name, s.partial] as const] : [])));
  return {
    ...base(o.title, marks),
    legend: { top: 24, left: 8, right: 8, type: 'scroll' as const, data: o.series.map((s) => s.name) },
    xAxis: {
      type: 'value' as const,
      name: o.xName ?? 'epoch',
      nameLocation: 'middle' as const,
      nameGap: 24,
      minInterval: 1,
      // epochs count from 1; a single-epoch run still gets a span to draw its dots in
      min: (v: { min: number }) => Math.max(1, Math.floor(v.min)),
      max: (v: { min: number; max: number }) => Math.max(v.max, Math.max(1, Math.floor(v.min)) + 1),
    },
    // the y name runs along the axis, so it never sits on the title
    yAxis: {
      type: logY ? ('log' as const) : ('value' as const),
      name: logY && o.yName ? `${o.yName} (log)` : (o.yName ?? ''),
      nameLocation: 'middle' as const,
      nameGap: 46,
      scale: true,
      min: logY ? undefined : o.yMin,
      max: logY ? undefined : o.yMax,
    },
    dataZoom: zoomOf(),
    series: o.series.flatMap((s) => lineSeries(s, { smoothing, logY })),
  };
}

/**
 * Layer × epoch heatmap of log10 values (the vanishing picture): rows = layers (first at the
 * bottom), columns = epochs; nulls are left blank. Items are [x, y, log10, raw] so the tooltip
 * shows both; the colour bar is stepped and labelled in real units, over the data's range or
 * a given (fixed) scale.
 */
export function heatmapOption(o: {
  title: string;
  layers: string[];
  epochs: number[];
  values: Array<Array<number | null>>;
  valueName: string;
  scale?: LogScale;
  /** a value (log10) to mark on the colour bar, e.g. the health band */
  mark?: { log: number; label: string };
}) {
  const data: Array<[number, number, number | null, number | null]> = [];
  o.values.forEach((row, y) =>
    row.forEach((v, x) => {
      const lv = v !== null && v > 0 && Number.isFinite(v) ? Math.log10(v) : null;
      data.push([x, y, lv === null ? null : +lv.toFixed(3), v]);
    }),
  );
  const scale = o.scale ?? fitLogScale(o.values.flat());
  return {
    ...base(o.title),
    tooltip: richTooltip(heatTooltip(o), 'item'),
    grid: { ...HEAT_GRID },
    xAxis: {
      type: 'category' as const,
      data: o.epochs.map(String),
      name: 'epoch',
      nameLocation: 'middle' as const,
      nameGap: 24,
    },
    yAxis: { type: 'category' as const, data: o.layers },
    // long runs: zoom on epochs like the curves
    dataZoom: zoomOf(6),
    visualMap: {
      type: 'piecewise' as const,
      dimension: 2,
      min: scale.min,
      max: scale.max,
      pieces: scalePieces(scale, o.mark),
      orient: 'vertical' as const,
      right: 4,
      top: 'middle' as const,
      itemWidth: 14,
      itemHeight: 10,
      itemGap: 2,
      textGap: 6,
      // no `text`: with it, a piecewise bar shows only its two end texts instead of each step's label
      textStyle: { fontSize: 10 },
    },
    series: [{ type: 'heatmap' as const, name: `log10 ${o.valueName}`, data, progressive: 5000 }],
  };
}

export function histogramOption(o: { title: string; histogram: Histogram }) {
  const { min, max, counts } = o.histogram;
  const w = (max - min) / Math.max(1, counts.length);
  return {
    ...base(o.title),
    xAxis: {
      type: 'category' as const,
      data: counts.map((_, i) => (min + (i + 0.5) * w).toExponential(1)),
      name: 'dL/dW',
      nameLocation: 'middle' as const,
      nameGap: 24,
    },
    tooltip: richTooltip(binTooltip),
    grid: { ...LINE_GRID, top: 40, bottom: 44 },
    yAxis: { type: 'log' as const, name: 'count', min: 1, nameLocation: 'middle' as const, nameGap: 46 },
    series: [{ type: 'bar' as const, data: counts.map((c) => (c > 0 ? c : null)), barCategoryGap: '5%' }],
  };
}
