/**
 * ECharts option builders: pure functions from chart data to options (unit-tested).
 */
import type { Histogram } from '@core/domain/records.ts';
import type { Point } from './series.ts';

export interface LineSpec {
  name: string;
  points: Point[];
  dashed?: boolean;
}

const base = (title: string) => ({
  animation: false,
  // the panel's colour shows through, in light and dark
  backgroundColor: 'transparent',
  title: { text: title, left: 8, top: 4, textStyle: { fontSize: 13, fontWeight: 600 } },
  tooltip: { trigger: 'axis' as const, confine: true },
  grid: { left: 56, right: 18, top: 40, bottom: 40 },
});

export function lineOption(o: {
  title: string;
  series: LineSpec[];
  yName?: string;
  xName?: string;
  yMin?: number;
  yMax?: number;
}) {
  return {
    ...base(o.title),
    legend: { top: 4, right: 8, type: 'scroll' as const },
    xAxis: {
      type: 'value' as const,
      name: o.xName ?? 'epoch',
      nameLocation: 'middle' as const,
      nameGap: 24,
      minInterval: 1,
    },
    yAxis: { type: 'value' as const, name: o.yName ?? '', scale: true, min: o.yMin, max: o.yMax },
    series: o.series.map((s) => ({
      type: 'line' as const,
      name: s.name,
      data: s.points,
      showSymbol: s.points.length < 30,
      connectNulls: true,
      lineStyle: s.dashed ? { type: 'dashed' as const } : undefined,
    })),
  };
}

/**
 * Layer × epoch heatmap of log10 values (the vanishing picture): rows = layers (first at the
 * bottom), columns = epochs; nulls are left blank.
 */
export function heatmapOption(o: {
  title: string;
  layers: string[];
  epochs: number[];
  values: Array<Array<number | null>>;
  valueName: string;
}) {
  const data: Array<[number, number, number | null]> = [];
  let min = Infinity;
  let max = -Infinity;
  o.values.forEach((row, y) =>
    row.forEach((v, x) => {
      const lv = v !== null && v > 0 && Number.isFinite(v) ? Math.log10(v) : null;
      if (lv !== null) {
        min = Math.min(min, lv);
        max = Math.max(max, lv);
      }
      data.push([x, y, lv === null ? null : +lv.toFixed(3)]);
    }),
  );
  if (!Number.isFinite(min)) [min, max] = [-1, 0];
  if (min === max) [min, max] = [min - 0.5, max + 0.5];
  return {
    ...base(o.title),
    tooltip: { position: 'top' as const, confine: true },
    grid: { left: 90, right: 70, top: 40, bottom: 40 },
    xAxis: {
      type: 'category' as const,
      data: o.epochs.map(String),
      name: 'epoch',
      nameLocation: 'middle' as const,
      nameGap: 24,
    },
    yAxis: { type: 'category' as const, data: o.layers },
    visualMap: {
      min: +min.toFixed(2),
      max: +max.toFixed(2),
      calculable: true,
      orient: 'vertical' as const,
      right: 4,
      top: 'middle' as const,
      text: [`log10 ${o.valueName}`, ''],
      inRange: { color: ['#313695', '#4575b4', '#74add1', '#abd9e9', '#fee090', '#fdae61', '#f46d43', '#d73027'] },
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
    yAxis: { type: 'log' as const, name: 'count', min: 1 },
    series: [{ type: 'bar' as const, data: counts.map((c) => (c > 0 ? c : null)), barCategoryGap: '5%' }],
  };
}
