/** Building the evidence charts (StudyChart) from arms: mean over seeds, min–max band, one scale. Pure. */
import type { StudyChart } from '../domain/studies.ts';
import type { Arm } from './seed-stats.ts';
import { slope } from './run-values.ts';
import type { StoredRun } from './types.ts';

const finite = (v: number) => (Number.isFinite(v) ? v : null);

/** Mean, min and max over the seeds at each position (seeds may have different lengths). */
function band(curves: number[][]): { y: Array<number | null>; low: Array<number | null>; high: Array<number | null> } {
  const len = Math.max(0, ...curves.map((c) => c.length));
  const at = (i: number) => curves.map((c) => c[i]).filter((v) => v !== undefined && Number.isFinite(v));
  const pick = (f: (v: number[]) => number) =>
    Array.from({ length: len }, (_, i) => (at(i).length ? finite(f(at(i))) : null));
  return {
    y: pick((v) => v.reduce((a, b) => a + b, 0) / v.length),
    low: pick((v) => Math.min(...v)),
    high: pick((v) => Math.max(...v)),
  };
}

/** One line per arm over `x`: the seeds' mean with their min–max band. */
export function lineChart(
  o: Omit<StudyChart, 'kind' | 'series' | 'heatmap'>,
  arms: Arm[],
  curve: (r: StoredRun) => number[],
): StudyChart {
  return { ...o, kind: 'line', series: arms.map((a) => ({ name: a.name, ...band(a.runs.map(curve)) })) };
}

/** Arms × x, each cell the seeds' mean, on one colour scale for the whole chart. */
export function heatmapChart(
  o: Omit<StudyChart, 'kind' | 'series' | 'heatmap'>,
  arms: Arm[],
  row: (r: StoredRun) => number[],
): StudyChart {
  const values = arms.map((a) => band(a.runs.map(row)).y);
  const all = values.flat().filter((v): v is number => v !== null);
  const min = all.length ? Math.min(...all) : 0;
  const max = all.length ? Math.max(...all) : 0;
  return { ...o, kind: 'heatmap', series: [], heatmap: { rows: arms.map((a) => a.name), values, min, max } };
}

/** The loss curve of every arm (a task's train loss per epoch). */
export function lossChart(arms: Arm[], task = 'cls', split: 'train' | 'val' = 'train'): StudyChart {
  const len = Math.max(0, ...arms.flatMap((a) => a.runs.map((r) => r.epochs.length)));
  return lineChart(
    {
      id: `loss-${task}-${split}`,
      title: `${task} ${split} loss by epoch`,
      xLabel: 'epoch',
      yLabel: 'loss',
      x: Array.from({ length: len }, (_, i) => i + 1),
    },
    arms,
    (r) =>
      r.epochs.map(
        (e) => e.metrics.find((m) => m.task === task && m.split === split && m.name === 'loss')?.value ?? NaN,
      ),
  );
}

/** The chart with a least-squares line through each series' means (`<name> · fit`), for decay plots. */
export function withFit(chart: StudyChart): StudyChart {
  const fits = chart.series.map((s) => {
    const y = s.y.map((v) => (v === null ? NaN : v));
    const b = slope(y);
    const pts = y.map((v, i) => [i + 1, v] as const).filter(([, v]) => Number.isFinite(v));
    const mx = pts.reduce((a, [x]) => a + x, 0) / pts.length;
    const my = pts.reduce((a, [, v]) => a + v, 0) / pts.length;
    return { name: `${s.name} · fit`, y: y.map((_, i) => (Number.isFinite(b) ? finite(my + b * (i + 1 - mx)) : null)) };
  });
  return { ...chart, series: [...chart.series, ...fits] };
}
