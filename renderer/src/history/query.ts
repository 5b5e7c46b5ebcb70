/** From the History filter bar to a runs.list input: empty filters are left out. */
import type { Input } from '@core/api/contract.ts';
import type { RunSort, SortDir } from '@core/domain/run-query.ts';
import type { RunStatus } from '@core/domain/run-status.ts';

export interface RunFilters {
  status: RunStatus | '';
  tag: string;
  text: string;
  /** '' = any experiment */
  experimentId: string;
}

export interface RunOrder {
  sort: RunSort;
  dir: SortDir;
  /** with sort 'metric': which final validation metric, as task/metric */
  metric?: string;
}

export const emptyFilters = (): RunFilters => ({ status: '', tag: '', text: '', experimentId: '' });

export function listInput(f: RunFilters, o: RunOrder, offset: number, limit: number): Input<'runs.list'> {
  const input: Input<'runs.list'> = { sort: o.sort, dir: o.dir, offset, limit };
  if (o.sort === 'metric' && o.metric) input.metric = o.metric;
  if (f.status) input.status = f.status;
  const tag = f.tag.trim();
  if (tag) input.tag = tag;
  const text = f.text.trim();
  if (text) input.text = text;
  if (f.experimentId) input.experimentId = f.experimentId;
  return input;
}

/** columns of words: a first click sorts them A to Z */
const ALPHABETIC: readonly RunSort[] = ['name', 'experiment', 'tags'];

/**
 * Clicking a sorted header flips the direction; a new column starts descending (newest, longest,
 * healthiest, highest metric first) except the columns of words, which start A to Z. Another final
 * metric is a new column.
 */
export function nextOrder(current: RunOrder, sort: RunSort, metric?: string): RunOrder {
  const m = sort === 'metric' ? { metric } : {};
  if (current.sort === sort && current.metric === (m.metric ?? current.metric))
    return { sort, dir: current.dir === 'asc' ? 'desc' : 'asc', ...m };
  return { sort, dir: ALPHABETIC.includes(sort) ? 'asc' : 'desc', ...m };
}

/** "a, b ,, c" → ["a", "b", "c"] (unique, in order) */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

/** Calls `fn` once `ms` after the last call; `flush` runs a pending call now, `cancel` drops it. */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
): ((...args: A) => void) & { flush(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last: A | null = null;
  const run = () => {
    timer = null;
    if (last) fn(...last);
    last = null;
  };
  const d = (...args: A) => {
    last = args;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
  d.flush = () => {
    if (timer) clearTimeout(timer);
    run();
  };
  d.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    last = null;
  };
  return d;
}
