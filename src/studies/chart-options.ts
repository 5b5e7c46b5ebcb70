/**
 * A study's charts as ECharts options, one pure function for the Studies view (canvas) and the
 * HTML report (server-side SVG), so both draw the same evidence. Browser-safe and free of echarts
 * itself: it returns plain option objects. Tooltips (chart-tooltips.ts) show the stored numbers:
 * a line's band is drawn as a stacked difference, but its tooltip reads the series' `low`/`high`.
 */
import type { StudyChart } from '../domain/studies.ts';
import { axisTooltip, BAND_SUFFIX, fmt, heatTooltip, richTooltip } from './chart-tooltips.ts';
import { BAR_GAPS, whiskerSeries } from './chart-whiskers.ts';

export { BAND_SUFFIX, fmt } from './chart-tooltips.ts';

type Option = Record<string, unknown>;
type Series = StudyChart['series'][number];

/** Series colours, one per arm; the band takes its arm's colour, faint. */
export const STUDY_PALETTE = ['#4575b4', '#d73027', '#1a9850', '#984ea3', '#ff7f00', '#a65628', '#f781bf', '#666666'];
/** The heatmap's one colour scale, low → high (blue = vanished, red = large), as the layer heatmaps. */
export const STUDY_HEAT_PALETTE = [
  '#313695',
  '#4575b4',
  '#74add1',
  '#abd9e9',
  '#fee090',
  '#fdae61',
  '#f46d43',
  '#d73027',
];

/** A log axis cannot draw zero or negative values: they become gaps instead of breaking the scale. */
export const drawable = (v: number | null | undefined, logY: boolean) =>
  v === null || v === undefined || !Number.isFinite(v) || (logY && v <= 0) ? null : v;

const base = (chart: StudyChart): Option => ({
  animation: false,
  title: { text: chart.title, left: 'center', textStyle: { fontSize: 13 } },
  grid: { left: 72, right: 24, top: 48, bottom: 84 },
});

/** Suffix of a fitted line's series name: `<arm> · fit`. */
export const FIT_SUFFIX = ' · fit';
const isFitOf = (name: string, chart: StudyChart) =>
  name.endsWith(FIT_SUFFIX) && chart.series.some((s) => `${s.name}${FIT_SUFFIX}` === name);

/** The legend under the plot, and room for it: about three names fit a row. */
const legendBelow = (names: string[]) => ({
  legend: { bottom: 0, data: names },
  grid: { left: 72, right: 24, top: 48, bottom: 64 + 22 * Math.ceil(Math.max(1, names.length) / 3) },
});

const categoryX = (chart: StudyChart) => ({
  type: 'category',
  data: chart.x.map(String),
  name: chart.xLabel,
  nameLocation: 'middle',
  nameGap: 44,
});
// a log axis labels its ticks with the same 3 significant digits as the tooltips (not 0.0000099999…)
const valueY = (chart: StudyChart) => ({
  type: chart.logY ? 'log' : 'value',
  name: chart.yLabel,
  nameLocation: 'middle',
  nameGap: 56,
  scale: !chart.logY,
  ...(chart.logY ? { axisLabel: { formatter: (v: number) => fmt(v) } } : {}),
});

/**
 * The min–max band of one arm: an invisible line at `low`, and `high − low` stacked on it with a
 * faint area, so the area fills between the two. Empty when the arm has no band.
 */
function bandSeries(s: Series, color: string, logY: boolean): Option[] {
  if (!s.low || !s.high) return [];
  const stack = `band:${s.name}`;
  const low = s.low.map((v) => drawable(v, logY));
  const width = s.high.map((h, i) => {
    const hi = drawable(h, logY);
    const lo = low[i];
    return hi === null || lo === null ? null : hi - lo;
  });
  // 'all': stack on low whatever its sign (log10 values are negative; the default stacks by sign)
  const common = {
    type: 'line',
    stack,
    stackStrategy: 'all',
    symbol: 'none',
    silent: true,
    lineStyle: { opacity: 0 },
    z: 1,
  };
  return [
    { ...common, name: `${s.name}${BAND_SUFFIX}`, data: low },
    { ...common, name: `${s.name}${BAND_SUFFIX}`, data: width, areaStyle: { color, opacity: 0.18 } },
  ];
}

/**
 * Lines of each arm's mean with their min–max bands. A series named `<arm> · fit` (a fitted line,
 * e.g. the decay fit) is drawn dashed in its arm's colour and left out of the legend.
 */
function lineOption(chart: StudyChart): Option {
  const logY = chart.logY === true;
  const arms = chart.series.filter((s) => !isFitOf(s.name, chart));
  const colour = (name: string) => {
    const k = arms.findIndex((a) => a.name === name || `${a.name}${FIT_SUFFIX}` === name);
    return STUDY_PALETTE[(k < 0 ? 0 : k) % STUDY_PALETTE.length];
  };
  const series = chart.series.flatMap((s) => {
    const color = colour(s.name);
    const data = s.y.map((v) => drawable(v, logY));
    if (isFitOf(s.name, chart))
      return [
        { type: 'line', name: s.name, data, color, z: 2, symbol: 'none', lineStyle: { type: 'dashed', width: 1.5 } },
      ];
    return [...bandSeries(s, color, logY), { type: 'line', name: s.name, data, color, z: 3, symbolSize: 5 }];
  });
  return {
    ...base(chart),
    ...legendBelow(arms.map((s) => s.name)),
    tooltip: richTooltip(axisTooltip(chart), 'axis'),
    xAxis: { ...categoryX(chart), boundaryGap: false },
    yAxis: valueY(chart),
    series,
  };
}

/** Bars of each arm's mean, with min–max whiskers where the series has low/high. */
function barOption(chart: StudyChart, o: StudyChartOptions): Option {
  const logY = chart.logY === true;
  const count = chart.series.length;
  const stroke = o.dark ? '#e6e8ee' : '#1c1d22';
  const bars = chart.series.map((s, k) => ({
    type: 'bar',
    name: s.name,
    data: s.y.map((v) => drawable(v, logY)),
    color: STUDY_PALETTE[k % STUDY_PALETTE.length],
    ...BAR_GAPS,
  }));
  const whiskers = chart.series.flatMap((s, k) =>
    whiskerSeries(s, { k, count, stroke, name: `${s.name}${BAND_SUFFIX}`, drawable: (v) => drawable(v, logY) }),
  );
  return {
    ...base(chart),
    ...legendBelow(chart.series.map((s) => s.name)),
    tooltip: richTooltip(axisTooltip(chart), 'axis'),
    xAxis: { ...categoryX(chart), axisLabel: { interval: 0, width: 120, overflow: 'break' } },
    yAxis: valueY(chart),
    series: [...bars, ...whiskers],
  };
}

/** One colour scale for every cell: the chart's own min and max, never refitted per row. */
function heatmapOption(chart: StudyChart): Option {
  const h = chart.heatmap ?? { rows: [], values: [], min: 0, max: 1 };
  // one value everywhere still needs a range to colour it
  const [min, max] = h.max > h.min ? [h.min, h.max] : [h.min - 0.5, h.min + 0.5];
  const data = h.values.flatMap((row, y) => row.map((v, x) => [x, y, drawable(v, false) ?? '-']));
  return {
    ...base(chart),
    tooltip: richTooltip(heatTooltip(chart), 'item'),
    grid: { left: 180, right: 96, top: 48, bottom: 56 },
    xAxis: { ...categoryX(chart), nameGap: 28, splitArea: { show: true } },
    yAxis: {
      type: 'category',
      data: h.rows,
      splitArea: { show: true },
      axisLabel: { width: 170, overflow: 'truncate' },
    },
    visualMap: {
      type: 'continuous',
      min,
      max,
      calculable: false,
      orient: 'vertical',
      right: 8,
      top: 'middle',
      precision: 2,
      text: [fmt(max), fmt(min)],
      inRange: { color: STUDY_HEAT_PALETTE },
    },
    series: [{ type: 'heatmap', name: chart.title, data, label: { show: false } }],
  };
}

export interface StudyChartOptions {
  /** drawn on a dark background (the whiskers take a light stroke) */
  dark?: boolean;
}

/**
 * The ECharts option of one study chart: line with min–max bands, bar with min–max whiskers (a
 * `custom` series: register CustomChart), or heatmap on one colour scale.
 */
export function studyChartOption(chart: StudyChart, o: StudyChartOptions = {}): Option {
  if (chart.kind === 'heatmap') return heatmapOption(chart);
  if (chart.kind === 'bar') return barOption(chart, o);
  return lineOption(chart);
}
