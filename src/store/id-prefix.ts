/** Finding runs by the first characters of their id, as people type them from `list` output. */
import type { Statements } from './statements.ts';

export interface PrefixMatches {
  /** at most `max` matching ids, in id order */
  ids: string[];
  /** how many runs match in all */
  total: number;
}

/** Runs whose id starts with `prefix` (lowercase hex and dashes): a range scan of the primary key. */
export function runIdsWithPrefix(s: Statements, prefix: string, max = 10): PrefixMatches {
  // '~' sorts after every hex digit and '-', so [prefix, prefix~) is exactly the ids that start with it
  const range = [prefix, `${prefix}~`];
  const { n } = s.get('SELECT count(*) AS n FROM runs WHERE id >= ? AND id < ?').get(...range) as { n: number };
  const rows = s.get('SELECT id FROM runs WHERE id >= ? AND id < ? ORDER BY id LIMIT ?').all(...range, max) as Array<{
    id: string;
  }>;
  return { ids: rows.map((r) => r.id), total: n };
}
