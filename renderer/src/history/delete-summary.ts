/** What the delete dialog says about the runs it would delete: their names, and which are still active. */
import type { RunSummary } from '@core/domain/runs.ts';

/** names listed in full; the rest are counted */
export const NAMES_SHOWN = 8;

export interface DeleteSummary {
  names: string[];
  /** how many more runs than `names` shows */
  more: number;
  /** names of runs running or queued: the service refuses to delete them until cancelled */
  active: string[];
}

/** `rows` is the table's sparse window: a run not loaded there is named by its short id. */
export function deleteSummary(ids: string[], rows: Array<RunSummary | undefined>): DeleteSummary {
  const byId = new Map(rows.filter((r): r is RunSummary => !!r).map((r) => [r.id, r]));
  const label = (id: string) => byId.get(id)?.name || id.slice(0, 8);
  const active = ids.filter((id) => ['running', 'queued'].includes(byId.get(id)?.status ?? '')).map(label);
  return { names: ids.slice(0, NAMES_SHOWN).map(label), more: Math.max(0, ids.length - NAMES_SHOWN), active };
}
