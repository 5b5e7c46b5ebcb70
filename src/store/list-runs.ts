/**
 * The runs list query. It reads runs, run_tags and experiments only, through their indexes;
 * epoch tables are never touched (summary columns on runs carry what a list row shows).
 */
import { METRIC_KEY, type NormalizedListQuery } from '../domain/run-query.ts';
import { RUN_STATUSES } from '../domain/run-status.ts';
import { RUNS_FROM, SUMMARY_COLUMNS, toSummary, type SummaryRow } from './run-rows.ts';
import type { Statements } from './statements.ts';
import type { ListRunsResult, RunSort, SortDir } from './types.ts';

export type { NormalizedListQuery };

export interface ListQuerySql {
  /** the page: bind `params` then limit, offset */
  sql: string;
  /** the total: bind `params` */
  countSql: string;
  params: unknown[];
}

const STATUS_ORDER = `CASE r.status ${RUN_STATUSES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END`;
const DURATION = '(r.finished_at - r.started_at)';
const FIRST_TAG = '(SELECT t.tag FROM run_tags t WHERE t.run_id = r.id ORDER BY t.position LIMIT 1)';
/** log10 of the weakest trunk layer's dL/dz RMS over the strongest's: lower is closer to vanishing */
const WEAKEST = "json_extract(r.last_health_json, '$.weakestLog10')";

/** `expr` in direction `d`, runs without a value last in either direction, then newest first */
const nullsLast = (expr: string, d: string) => `${expr} IS NULL, ${expr} ${d}, r.created_at DESC, r.id`;

/**
 * The final validation value of `metric` (task/metric, checked by METRIC_KEY so it is safe inline);
 * NaN/Infinity are stored as text and count as no value, so they sort last like a missing metric.
 */
function finalMetric(metric: string): string {
  if (!METRIC_KEY.test(metric)) throw new Error(`metric must be task/metric, got ${JSON.stringify(metric)}`);
  const [task, name] = metric.split('/');
  const path = `'$."${task}"."${name}"'`;
  return `(CASE WHEN json_type(r.summary_json, ${path}) IN ('integer', 'real') THEN json_extract(r.summary_json, ${path}) END)`;
}

function orderBy(sort: RunSort, dir: SortDir, metric = ''): string {
  const d = dir === 'asc' ? 'ASC' : 'DESC';
  switch (sort) {
    case 'created':
      return `r.created_at ${d}, r.id ${d}`;
    case 'name':
      return `r.name COLLATE NOCASE ${d}, r.created_at DESC, r.id`;
    case 'status':
      return `${STATUS_ORDER} ${d}, r.created_at DESC, r.id`;
    case 'duration':
      // runs without a duration (not finished) go last in either direction
      return nullsLast(DURATION, d);
    case 'experiment':
      return nullsLast('e.name COLLATE NOCASE', d);
    case 'tags':
      return nullsLast(`${FIRST_TAG} COLLATE NOCASE`, d);
    case 'health':
      return nullsLast(WEAKEST, d);
    case 'metric':
      return nullsLast(finalMetric(metric), d);
  }
}

/** `%text%` for LIKE … ESCAPE '\', with the user's own % _ \ taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function buildListQuery(q: NormalizedListQuery): ListQuerySql {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.status !== undefined) {
    where.push('r.status = ?');
    params.push(q.status);
  }
  if (q.experimentId !== undefined) {
    where.push('r.experiment_id = ?');
    params.push(q.experimentId);
  }
  if (q.tag !== undefined) {
    where.push('r.id IN (SELECT t.run_id FROM run_tags t WHERE t.tag = ?)');
    params.push(q.tag);
  }
  if (q.text !== undefined && q.text !== '') {
    where.push("(r.name LIKE ? ESCAPE '\\' OR r.notes LIKE ? ESCAPE '\\' OR e.name LIKE ? ESCAPE '\\')");
    const p = likePattern(q.text);
    params.push(p, p, p);
  }
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return {
    sql: `SELECT ${SUMMARY_COLUMNS} FROM ${RUNS_FROM} ${whereSql} ORDER BY ${orderBy(q.sort, q.dir, q.metric)} LIMIT ? OFFSET ?`,
    // the experiments join only matters to the text filter (and the experiment sort, not counted)
    countSql: `SELECT count(*) AS n FROM ${q.text ? RUNS_FROM : 'runs r'} ${whereSql}`,
    params,
  };
}

export function listRuns(s: Statements, q: NormalizedListQuery): ListRunsResult {
  const { sql, countSql, params } = buildListQuery(q);
  const total = (s.get(countSql).get(...params) as { n: number }).n;
  const rows = s.get(sql).all(...params, q.limit, q.offset) as SummaryRow[];
  return { total, items: rows.map(toSummary) };
}
