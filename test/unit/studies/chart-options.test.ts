/**
 * The study chart options shared by the Studies view and the report: a line's min–max band is
 * drawn (and its tooltip shows the stored band, not the stacked difference), `logY` gives a log
 * axis without values it cannot draw, a bar's spread is a whisker from its min to its max, and a
 * heatmap has one colour scale for all its cells.
 */
import type { StudyChart } from '../../../src/domain/studies.ts';
import { BAND_SUFFIX, fmt, studyChartOption } from '../../../src/studies/chart-options.ts';
import { renderWhisker, type WhiskerApi } from '../../../src/studies/chart-whiskers.ts';
import { describe, expect, it } from 'vitest';
import { glorotResult } from '../../renderer/study-fixtures.ts';

type Series = { type: string; name: string; data: unknown[]; stack?: string; areaStyle?: unknown };
const chartById = (id: string) => glorotResult.charts.find((c) => c.id === id)!;
const seriesOf = (o: Record<string, unknown>) => o.series as Series[];
const tip = (o: Record<string, unknown>) => (o.tooltip as { formatter: (p: unknown) => string }).formatter;

describe('study chart options', () => {
  it('a line with low/high gets a stacked band under it, kept out of the legend', () => {
    const chart = chartById('dz-profile');
    const o = studyChartOption(chart);
    const series = seriesOf(o);
    const arm = chart.series[0];
    const band = series.filter((s) => s.name === `${arm.name}${BAND_SUFFIX}`);
    expect(band).toHaveLength(2);
    expect(band[0].stack).toBe(band[1].stack);
    expect(band[0].data).toEqual(arm.low);
    expect(band[1].areaStyle).toBeDefined();
    // stacked on low, the band's top reaches high
    band[1].data.forEach((w, i) => expect((w as number) + arm.low![i]!).toBeCloseTo(arm.high![i]!, 12));
    expect(series.find((s) => s.name === arm.name)?.data).toEqual(arm.y);
    expect((o.legend as { data: string[] }).data).toEqual(chart.series.map((s) => s.name));
  });

  it('the band stacks on low whatever its sign (log10 values are negative)', () => {
    const band = seriesOf(studyChartOption(chartById('dz-profile'))).filter((s) => s.name.endsWith(BAND_SUFFIX));
    expect(band.map((s) => (s as { stackStrategy?: string }).stackStrategy)).toEqual(['all', 'all', 'all', 'all']);
  });

  it('a fitted line `<arm> · fit` is dashed in its arm’s colour, with no band, and not in the legend', () => {
    const chart: StudyChart = {
      ...chartById('dz-profile'),
      series: [
        { name: 'a', y: [1, 2], low: [0, 1], high: [2, 3] },
        { name: 'b', y: [2, 3] },
        { name: 'b · fit', y: [2.1, 2.9] },
        { name: 'a · fit', y: [1.1, 1.9] },
      ],
      x: [1, 2],
    };
    const o = studyChartOption(chart);
    const byName = (n: string) => seriesOf(o).find((s) => s.name === n) as unknown as Record<string, any>;
    expect(byName('a · fit').color).toBe(byName('a').color);
    expect(byName('b · fit').color).toBe(byName('b').color);
    expect(byName('a').color).not.toBe(byName('b').color);
    expect(byName('a · fit').lineStyle.type).toBe('dashed');
    expect(seriesOf(o).filter((s) => s.name.startsWith('a · fit'))).toHaveLength(1);
    expect((o.legend as { data: string[] }).data).toEqual(['a', 'b']);
  });

  it('a line without low/high has no band', () => {
    const chart: StudyChart = { ...chartById('dz-profile'), series: [{ name: 'a', y: [1, 2, 3] }] };
    expect(seriesOf(studyChartOption(chart)).map((s) => s.name)).toEqual(['a']);
  });

  it('logY gives a log axis, and values a log axis cannot draw become gaps', () => {
    const chart: StudyChart = {
      ...chartById('dz-profile'),
      series: [{ name: 'a', y: [1e-3, 0, -1, null], low: [1e-4, 1e-4, 1e-4, 1e-4], high: [1e-2, 1e-2, 1e-2, 1e-2] }],
      x: [1, 2, 3, 4],
    };
    const o = studyChartOption(chart);
    expect((o.yAxis as { type: string }).type).toBe('log');
    expect(seriesOf(o).find((s) => s.name === 'a')?.data).toEqual([1e-3, null, null, null]);
    expect((studyChartOption({ ...chart, logY: false }).yAxis as { type: string }).type).toBe('value');
  });

  it('the line tooltip shows the stored mean and min–max of each arm', () => {
    const chart = chartById('dz-profile');
    const text = tip(studyChartOption(chart))([
      { seriesName: `${chart.series[0].name}${BAND_SUFFIX}`, dataIndex: 2 },
      { seriesName: chart.series[0].name, dataIndex: 2, marker: '' },
    ]);
    const s = chart.series[0];
    expect(text).toBe(`layer trunk.2\n${s.name}:  ${fmt(s.y[2])}  (${fmt(s.low![2])} … ${fmt(s.high![2])})`);
    expect(text).not.toMatch(/</);
  });

  it('a heatmap has one colour scale over every cell: the chart’s min and max', () => {
    const chart = chartById('dz-heat');
    const o = studyChartOption(chart);
    const vm = o.visualMap as { min: number; max: number; inRange: { color: string[] } } | unknown[];
    expect(Array.isArray(vm)).toBe(false);
    expect(vm).toMatchObject({ min: chart.heatmap!.min, max: chart.heatmap!.max });
    const [heat] = seriesOf(o);
    expect(seriesOf(o)).toHaveLength(1);
    expect(heat.data).toHaveLength(chart.heatmap!.rows.length * chart.x.length);
    expect(heat.data[1]).toEqual([1, 0, chart.heatmap!.values[0][1]]);
    expect(tip(o)({ data: [1, 2, -4.5], marker: '' })).toBe(`${chart.heatmap!.rows[2]}\nlayer trunk.1\n-4.50`);
  });

  it('a heatmap of one value everywhere still gets a colour range', () => {
    const chart: StudyChart = { ...chartById('dz-heat'), heatmap: { rows: ['a'], values: [[2, 2]], min: 2, max: 2 } };
    expect(studyChartOption(chart).visualMap).toMatchObject({ min: 1.5, max: 2.5 });
  });

  it('a bar chart draws a bar series per arm with min–max whiskers, tooltip with the stored spread', () => {
    const chart = chartById('decay-bars');
    const o = studyChartOption(chart);
    expect(seriesOf(o).map((s) => s.type)).toEqual(['bar', 'custom']);
    const arm = chart.series[0];
    expect(seriesOf(o)[1].data).toEqual(arm.low!.map((lo, i) => [i, lo, arm.high![i]]));
    expect((o.legend as { data: string[] }).data).toEqual(['mean over seeds']);
    const text = tip(o)([
      { seriesName: 'mean over seeds', dataIndex: 0, marker: '' },
      { seriesName: `mean over seeds${BAND_SUFFIX}`, dataIndex: 0, marker: '' },
    ]);
    expect(text).toBe(
      `arm ${chart.x[0]}\nmean over seeds:  ${fmt(arm.y[0])}  (${fmt(arm.low![0])} … ${fmt(arm.high![0])})`,
    );
  });

  it('a whisker spans low to high on its own bar of the group', () => {
    // item [category 1, low 2, high 5]; the y axis maps value v to 100 − 10·v, categories sit 50 apart
    const api: WhiskerApi = {
      value: (d) => [1, 2, 5][d],
      coord: ([x, y]) => [50 * x + 25, 100 - 10 * y],
      size: () => [50, 0],
      barLayout: ({ count }) => Array.from({ length: count }, (_, k) => ({ offsetCenter: k * 12 - 6, width: 8 })),
    };
    const g = renderWhisker(1, 2, '#000')(null, api) as { children: Array<{ shape: Record<string, number> }> };
    expect(g.children.map((c) => c.shape)).toEqual([
      { x1: 81, y1: 50, x2: 81, y2: 80 },
      { x1: 79, y1: 50, x2: 83, y2: 50 },
      { x1: 79, y1: 80, x2: 83, y2: 80 },
    ]);
  });

  it('bars without low/high get no whiskers; a dark background gets light ones', () => {
    const chart: StudyChart = { ...chartById('decay-bars'), series: [{ name: 'a', y: [1, 2, 3, 4] }] };
    expect(seriesOf(studyChartOption(chart)).map((s) => s.type)).toEqual(['bar']);
    const dark = studyChartOption(chartById('decay-bars'), { dark: true });
    const g = (seriesOf(dark)[1] as unknown as { renderItem: ReturnType<typeof renderWhisker> }).renderItem(null, {
      value: () => 1,
      coord: () => [0, 0],
      size: () => [10, 0],
      barLayout: () => null,
    }) as {
      children: Array<{ style: { stroke: string } }>;
    };
    expect(g.children[0].style.stroke).toBe('#e6e8ee');
  });
});
