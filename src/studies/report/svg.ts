/**
 * A study chart as an SVG string, by ECharts' server-side rendering: no DOM and no canvas, so the
 * same call works in Node (the CLI's `study report`) and in the browser (the Studies view's
 * Export). The SVG is inlined into the report's HTML, where the parser gives it its namespace:
 * the `xmlns` declarations are dropped so the file holds no URL at all, and so is the hover
 * stylesheet ECharts adds (a CDATA block that only animates emphasis, which a static report lacks).
 */
import { BarChart, CustomChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, VisualMapComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { StudyChart } from '../../domain/studies.ts';
import { studyChartOption } from '../chart-options.ts';

use([
  LineChart,
  BarChart,
  HeatmapChart,
  CustomChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  VisualMapComponent,
  SVGRenderer,
]);

export interface SvgSize {
  /** CSS pixels */
  width: number;
  height: number;
}

export const REPORT_CHART_SIZE: SvgSize = { width: 760, height: 340 };

/** The chart drawn once, as static SVG (a report has no tooltip: its numbers are in the tables). */
export function chartSvg(chart: StudyChart, size: SvgSize = REPORT_CHART_SIZE): string {
  const { tooltip: _none, ...option } = studyChartOption(chart);
  const ec = init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    ec.setOption({ ...option, backgroundColor: '#ffffff' });
    return ec
      .renderToSVGString()
      .replace(/\s+xmlns(:\w+)?="[^"]*"/g, '')
      .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '');
  } finally {
    ec.dispose();
  }
}
