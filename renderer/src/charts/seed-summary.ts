/**
 * Compare's per-group summary: for each seed group of ≥ 2 compared runs, mean ± std (sample, n − 1)
 * of every final val metric, of the last epoch's health (alive layers, weakest log10) and of the
 * duration. Pure.
 */
import type { RunDetail } from '@core/domain/runs.ts';
import { meanStd, type MeanStd } from '@core/domain/seed-group.ts';
import { DASH, formatDuration, formatNumber } from '../history/format.ts';
import { runGroups } from './seed-bands.ts';

export interface GroupSummaryRow {
  key: string;
  /** the first member's label without its " · seed=N" */
  name: string;
  n: number;
  /** index of the group's first run: its colour in the overlay */
  first: number;
  /** column label → "mean ± std" */
  cells: Record<string, string>;
}

const pm = (s: MeanStd, fmt: (v: number) => string = formatNumber) => (s.n ? `${fmt(s.mean)} ± ${fmt(s.std)}` : DASH);
const stats = (vs: Array<number | null | undefined>) => meanStd(vs.filter((v): v is number => typeof v === 'number'));

/** Column labels: each task/metric seen on the runs, then the health and the duration. */
export function groupSummaryColumns(runs: readonly RunDetail[]): string[] {
  const metrics = new Set<string>();
  for (const r of runs)
    for (const [t, ms] of Object.entries(r.finalMetrics)) for (const m in ms) metrics.add(`${t} ${m}`);
  return [...metrics, 'alive layers', 'weakest log10', 'duration'];
}

export function groupSummaryRows(runs: readonly RunDetail[], labels: readonly string[]): GroupSummaryRow[] {
  const columns = groupSummaryColumns(runs);
  return runGroups(runs)
    .filter((g) => g.indices.length >= 2)
    .map((g) => {
      const members = g.indices.map((i) => runs[i]);
      const cells: Record<string, string> = {};
      for (const c of columns.slice(0, -3)) {
        const [task, name] = c.split(' ');
        cells[c] = pm(stats(members.map((r) => r.finalMetrics[task]?.[name])));
      }
      cells['alive layers'] = pm(stats(members.map((r) => r.lastHealth?.alive)));
      cells['weakest log10'] = pm(stats(members.map((r) => r.lastHealth?.weakestLog10)), (v) => v.toFixed(2));
      cells.duration = pm(stats(members.map((r) => r.durationMs)), formatDuration);
      return {
        key: g.key,
        name: labels[g.indices[0]].replace(/ · seed=\d+$/, ''),
        n: members.length,
        first: g.indices[0],
        cells,
      };
    });
}
