/**
 * History's seed groups: the runs table shows rows of the current order, where neighbouring runs of
 * one seed group (src/domain/seed-group.ts) fold into one group row, expandable to its members.
 * Only neighbours fold, so the table keeps the service's order (and its paging, which is by row
 * index: a view index maps to a contiguous range of row indexes). A repeat's runs are created
 * together, so they are neighbours in the default newest-first order.
 */
import { meanStd, type MeanStd } from '@core/domain/seed-group.ts';
import type { RunSummary } from '@core/domain/runs.ts';

type Rows = ReadonlyArray<RunSummary | undefined>;

export type ViewRow =
  | {
      kind: 'run';
      /** row index in the service's order */
      index: number;
      run: RunSummary | undefined;
      /** the group key when shown as a member under its expanded group row */
      member?: string;
    }
  | { kind: 'group'; key: string; indices: number[]; runs: RunSummary[]; expanded: boolean };

/** The table's rows: runs, and a group row for each stretch of ≥ 2 neighbouring runs of one group. */
export function viewRows(rows: Rows, expanded: ReadonlySet<string>): ViewRow[] {
  const out: ViewRow[] = [];
  for (let i = 0; i < rows.length;) {
    const key = rows[i]?.seedGroup;
    let j = i + 1;
    if (key) while (j < rows.length && rows[j]?.seedGroup === key) j++;
    if (j - i < 2) {
      out.push({ kind: 'run', index: i, run: rows[i] });
      i = j;
      continue;
    }
    const indices = Array.from({ length: j - i }, (_, k) => i + k);
    const open = expanded.has(key!);
    out.push({ kind: 'group', key: key!, indices, runs: indices.map((k) => rows[k]!), expanded: open });
    if (open) for (const k of indices) out.push({ kind: 'run', index: k, run: rows[k], member: key });
    i = j;
  }
  return out;
}

/** The run ids a view row stands for; undefined while its page is not loaded. */
export function idsOfView(v: ViewRow | undefined): string | string[] | undefined {
  if (!v) return undefined;
  return v.kind === 'group' ? v.runs.map((r) => r.id) : v.run?.id;
}

/** A stable identity of a view row across reloads: the run id, or the group key. */
export const viewKey = (v: ViewRow | undefined): string | undefined =>
  v === undefined ? undefined : v.kind === 'group' ? `group:${v.key}` : v.run?.id;

/** Row indexes [start, end) behind view rows [from, to): what the pager must load. */
export function rowRange(view: readonly ViewRow[], from: number, to: number): [number, number] {
  if (!view.length) return [from, to];
  const first = view[Math.min(from, view.length - 1)];
  const last = view[Math.min(Math.max(to - 1, from), view.length - 1)];
  const lo = first.kind === 'group' ? first.indices[0] : first.index;
  const hi = last.kind === 'group' ? last.indices[last.indices.length - 1] : last.index;
  // view rows past the end (the table asks for a full screen) map one to one past the last row
  return [lo, hi + 1 + Math.max(0, to - view.length)];
}

/** `task/metric` of a run's headline final metric: its first task's first metric that is not the loss. */
export function primaryMetric(run: RunSummary | undefined): string | null {
  const [task, metrics] = Object.entries(run?.finalMetrics ?? {})[0] ?? [];
  if (!task || !metrics) return null;
  const names = Object.keys(metrics);
  const name = names.find((n) => n !== 'loss') ?? names[0];
  return name ? `${task}/${name}` : null;
}

export const metricValue = (run: RunSummary, key: string): number | undefined => {
  const [task, name] = key.split('/');
  return run.finalMetrics[task]?.[name];
};

export interface GroupSummary {
  n: number;
  /** the members' shared name, without the " · seed=N" each repeat adds */
  name: string;
  /** e.g. "3 completed" or "2 completed, 1 failed" */
  status: string;
  /** the headline metric (primaryMetric of the first member) over the members that have it */
  metric: { key: string; stats: MeanStd } | null;
  /** trunk layers alive and log10 of the weakest layer's dL/dz RMS, over members with a health summary */
  alive: MeanStd | null;
  weakest: MeanStd | null;
  durationMs: MeanStd | null;
}

const SEED_SUFFIX = / · seed=\d+$/;

export function groupSummary(runs: readonly RunSummary[]): GroupSummary {
  const counts = new Map<string, number>();
  for (const r of runs) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const key = primaryMetric(runs[0]);
  const finite = (vs: Array<number | null | undefined>) =>
    meanStd(vs.filter((v): v is number => typeof v === 'number'));
  return {
    n: runs.length,
    name: (runs[0]?.name ?? '').replace(SEED_SUFFIX, ''),
    status: [...counts].map(([s, n]) => `${n} ${s}`).join(', '),
    metric: key ? nonEmpty(finite(runs.map((r) => metricValue(r, key))), (stats) => ({ key, stats })) : null,
    alive: nonEmpty(finite(runs.map((r) => r.lastHealth?.alive))),
    weakest: nonEmpty(finite(runs.map((r) => r.lastHealth?.weakestLog10))),
    durationMs: nonEmpty(finite(runs.map((r) => r.durationMs))),
  };
}

function nonEmpty<T = MeanStd>(s: MeanStd, wrap: (s: MeanStd) => T = (x) => x as T): T | null {
  return s.n > 0 ? wrap(s) : null;
}

/** Final metrics to sort by: the first loaded run's headline metric first, then every other task/metric seen. */
export function metricChoices(rows: Rows): string[] {
  const seen = new Set<string>();
  const head = primaryMetric(rows.find((r) => r && Object.keys(r.finalMetrics).length));
  if (head) seen.add(head);
  for (const r of rows)
    if (r)
      for (const [task, ms] of Object.entries(r.finalMetrics))
        for (const m of Object.keys(ms)) seen.add(`${task}/${m}`);
  return [...seen];
}

/** What the runs table is given: view rows, or plain runs (a list without seed groups). */
export type TableRows = ReadonlyArray<ViewRow | RunSummary | undefined>;

const isView = (r: ViewRow | RunSummary): r is ViewRow => 'kind' in r && (r.kind === 'run' || r.kind === 'group');

/** Row `i` of the table as a view row (a plain run, or a hole while its page loads, is a run row). */
export function viewRowAt(rows: TableRows, i: number): ViewRow {
  const r = rows[i];
  return r && isView(r) ? r : { kind: 'run', index: i, run: r };
}

/** How much of a group is selected, for its checkbox. */
export function selectedShare(row: Extract<ViewRow, { kind: 'group' }>, selected: ReadonlySet<string>) {
  const n = row.runs.filter((r) => selected.has(r.id)).length;
  return n === 0 ? 'none' : n === row.runs.length ? 'all' : 'some';
}

/** A DOM key for the row at `i`. */
export const rowDomKey = (row: ViewRow, i: number) =>
  row.kind === 'group' ? `group-${row.key}` : (row.run?.id ?? `hole-${i}`);
