/** Compare's tables as plain rows: the config diff (only differing spec paths) and the run summary. */
import type { ConfigDiff } from '@core/api/contract.ts';
import type { GradientHealth } from '@core/domain/health.ts';
import type { RunDetail } from '@core/domain/runs.ts';
import { DASH, formatDuration, formatNumber } from '../history/format.ts';

export interface DiffRow {
  path: string;
  /** one formatted value per run, in the runs' order */
  cells: string[];
  /** per cell: whether it differs from the first run's value */
  changed: boolean[];
}

/**
 * A spec value as a table cell: absent → '—', strings bare, everything else as compact JSON.
 * Numbers are settings a person typed, not measurements: shown in full, never rounded, or two
 * seeds (1013904268, 1013904270) or rates (0.001, 0.0010001) would read alike in cells marked changed.
 */
export function formatSpecValue(v: unknown): string {
  if (v === undefined) return DASH;
  if (typeof v === 'string') return v;
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
  rows: Array<{
    id: string;
    status: string;
    epochs: string;
    duration: string;
    backend: string;
    /** the last epoch's gradient health, one cell per HEALTH_COLUMNS entry */
    health: string[];
    metrics: string[];
  }>;
}

/** Compare's health columns: label, what it means (the header's title), and the cell of one run. */
export const HEALTH_COLUMNS: Array<{ label: string; title: string; cell: (h: GradientHealth) => string }> = [
  {
    label: 'alive',
    title: 'trunk layers whose RMS of dL/dz is within stats.healthDecades decades of the strongest',
    cell: (h) => (h.alive === null ? DASH : `${h.alive}/${h.trunkLayers}`),
  },
  {
    label: 'weakest',
    title: 'the trunk layer with the smallest RMS of dL/dz, and log10 of it over the strongest',
    cell: (h) => (h.weakestLayer === null ? DASH : `${h.weakestLayer} ${log10Cell(h.weakestLog10)}`),
  },
  {
    label: 'log10 dz first/last',
    title: 'log10(RMS of dL/dz of trunk.1 / that of the last trunk layer), Glorot & Bengio',
    cell: (h) => log10Cell(h.dzRatio),
  },
  {
    label: 'dead layers',
    title: 'trunk layers more than stats.healthDecades decades below the strongest',
    cell: (h) => (h.deadLayers === null ? DASH : h.deadLayers.join(', ') || 'none'),
  },
];

function log10Cell(v: number | null): string {
  return v === null ? DASH : Number.isFinite(v) ? v.toFixed(2).replace('-', '−') : String(v);
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
      health: HEALTH_COLUMNS.map((c) => (r.lastHealth ? c.cell(r.lastHealth) : DASH)),
      metrics: cols.map((c) => formatNumber(r.finalMetrics[c.task]?.[c.name])),
    })),
  };
}
