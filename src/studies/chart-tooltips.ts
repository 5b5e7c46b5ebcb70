/**
 * The tooltips of the study charts: rich text (drawn on the canvas; an HTML tooltip's inline
 * styles are refused by the strict CSP) made by functions over the chart's stored values, so a
 * band or whisker shows the stored min and max, never the stacked difference it is drawn with.
 */
import type { StudyChart } from '../domain/studies.ts';

/** Suffix of the helper series that draw an arm's min–max band or whiskers; the legend and tooltips skip them. */
export const BAND_SUFFIX = ' (min–max)';

/** 3 significant digits; scientific below 1e-3 and from 1e6; '—' for a missing value (as the app's tooltips). */
export function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a < 1e-3 || a >= 1e6 ? v.toExponential(2) : v.toPrecision(3);
}

/** The part of ECharts' formatter params the tooltips read. */
interface TipParam {
  marker?: string;
  seriesName?: string;
  dataIndex?: number;
  data?: unknown;
}

/** Axis tooltip of a line or bar chart: the x value, then each arm's stored mean and min–max. */
export function axisTooltip(chart: StudyChart) {
  return (params: TipParam | TipParam[]): string => {
    const list = (Array.isArray(params) ? params : [params]).filter((p) => !p.seriesName?.endsWith(BAND_SUFFIX));
    const i = list[0]?.dataIndex;
    if (i === undefined) return '';
    const lines = list.map((p) => {
      const s = chart.series.find((x) => x.name === p.seriesName);
      const band = s?.low && s.high ? `  (${fmt(s.low[i])} … ${fmt(s.high[i])})` : '';
      return `${p.marker ?? ''}${p.seriesName ?? ''}:  ${fmt(s?.y[i])}${band}`;
    });
    return [`${chart.xLabel} ${String(chart.x[i] ?? '')}`, ...lines].join('\n');
  };
}

/** Item tooltip of the heatmap: row, column and the stored value. */
export function heatTooltip(chart: StudyChart) {
  return (p: TipParam): string => {
    const [x, y, v] = (Array.isArray(p.data) ? p.data : []) as [number, number, number | null];
    const rows = chart.heatmap?.rows ?? [];
    return [`${p.marker ?? ''}${rows[y] ?? '?'}`, `${chart.xLabel} ${String(chart.x[x] ?? '?')}`, fmt(v)].join('\n');
  };
}

export const richTooltip = (formatter: unknown, trigger: 'axis' | 'item') => ({
  trigger,
  confine: true,
  renderMode: 'richText',
  formatter,
});
