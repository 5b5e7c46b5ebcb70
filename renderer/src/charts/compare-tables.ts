/** Compare's tables as plain rows: the config diff (only differing spec paths) and the run summary. */
import type { ConfigDiff } from '@core/api/contract.ts';
import type { RunDetail } from '@core/domain/runs.ts';
import { DASH, formatDuration, formatNumber } from '../history/format.ts';

export interface DiffRow {
  path: string;
  /** one formatted value per run, in the runs' order */
  cells: string[];
  /** per cell: whether it differs from the first run's value */
  changed: boolean[];
}

/** A spec value as a table cell: absent → '—', strings bare, everything else as compact JSON. */
export function formatSpecValue(v: unknown): string {
  if (v === undefined) return DASH;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  return JSON.stringify(v);
}

/** runs.compare's diff as rows; paths that end up equal (e.g. after a run was removed) are dropped. */
export function diffRows(diff: ConfigDiff[]): DiffRow[] {
  return diff
    .map((d) => {
      const keys = d.values.map((v) => JSON.stringify(v) ?? 'undefined');
      return { path: d.path, cells: d.values.map(formatSpecValue), changed: keys.map((k) => k !== keys[0]) };
    })
    .filter((r) => r.changed.some(Boolean));
}

/** Keep only the runs at `keep` (indexes) in each diff entry; entries that no longer differ go. */
export function narrowDiff(diff: ConfigDiff[], keep: number[]): ConfigDiff[] {
  return diff
    .map((d) => ({ path: d.path, values: keep.map((i) => d.values[i]) }))
    .filter((d) => new Set(d.values.map((v) => JSON.stringify(v) ?? 'undefined')).size > 1);
}

export interface SummaryTable {
  /** "task metric" columns, union over the runs */
  metricColumns: Array<{ task: string; name: string; label: string }>;
  rows: Array<{ id: string; status: string; epochs: string; duration: string; backend: string; metrics: string[] }>;
}

export function summaryTable(runs: RunDetail[]): SummaryTable {
  const cols: SummaryTable['metricColumns'] = [];
  for (const r of runs)
    for (const [task, metrics] of Object.entries(r.finalMetrics))
      for (const name of Object.keys(metrics))
        if (!cols.some((c) => c.task === task && c.name === name)) cols.push({ task, name, label: `${task} ${name}` });
  return {
    metricColumns: cols,
    rows: runs.map((r) => ({
      id: r.id,
      status: r.status,
      epochs: `${r.epochsDone} / ${r.epochsPlanned}`,
      duration: formatDuration(r.durationMs),
      backend: r.backend ? r.backend.name : DASH,
      metrics: cols.map((c) => formatNumber(r.finalMetrics[c.task]?.[c.name])),
    })),
  };
}
