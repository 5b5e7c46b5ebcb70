/**
 * Min–max whiskers over the bars of a study chart: the spread over seeds drawn where the mean is,
 * so a bar's effect is read against its noise. An ECharts `custom` series (the chart types that
 * draw it register `CustomChart`); its renderItem places each whisker on its own bar of the group.
 */
import type { StudyChart } from '../domain/studies.ts';

type Series = StudyChart['series'][number];

/** The bar group's gaps: the bars and their whiskers must be laid out with the same ones. */
export const BAR_GAPS = { barGap: '30%', barCategoryGap: '20%' } as const;

/** The part of ECharts' custom-series api the whiskers use. */
export interface WhiskerApi {
  value(dim: number): number;
  coord(point: number[]): number[];
  size(span: number[]): number[];
  barLayout(o: {
    count: number;
    barGap: string;
    barCategoryGap: string;
  }): Array<{ offsetCenter: number; width: number }> | null | undefined;
}

/** The whisker of data item [category index, low, high] for bar `k` of `count`: a stem and two caps. */
export function renderWhisker(k: number, count: number, stroke: string) {
  return (_params: unknown, api: WhiskerApi) => {
    const bar = api.barLayout({ count, ...BAR_GAPS })?.[k];
    const [x, top] = api.coord([api.value(0), api.value(2)]);
    const bottom = api.coord([api.value(0), api.value(1)])[1];
    const cx = x + (bar?.offsetCenter ?? 0);
    const half = (bar?.width ?? api.size([1, 0])[0] * 0.5) / 4;
    const style = { stroke, lineWidth: 1.5 };
    const line = (x1: number, y1: number, x2: number, y2: number) => ({
      type: 'line',
      shape: { x1, y1, x2, y2 },
      style,
    });
    return {
      type: 'group',
      children: [
        line(cx, top, cx, bottom),
        line(cx - half, top, cx + half, top),
        line(cx - half, bottom, cx + half, bottom),
      ],
    };
  };
}

/** The whisker series of bar series `k`, named `name` (the legend does not list it); none without low/high. */
export function whiskerSeries(
  s: Series,
  o: {
    k: number;
    count: number;
    name: string;
    stroke: string;
    drawable: (v: number | null | undefined) => number | null;
  },
) {
  if (!s.low || !s.high) return [];
  const data = s.low.flatMap((lo, i) => {
    const [a, b] = [o.drawable(lo), o.drawable(s.high?.[i])];
    return a === null || b === null ? [] : [[i, a, b]];
  });
  return [
    {
      type: 'custom',
      name: o.name,
      silent: true,
      z: 4,
      encode: { x: 0, y: [1, 2] },
      data,
      renderItem: renderWhisker(o.k, o.count, o.stroke),
    },
  ];
}
