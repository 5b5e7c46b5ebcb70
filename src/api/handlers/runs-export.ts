/** runs.export: a pure function of what is stored, in the formats the contract names. */
import { exportCsvLong, exportCsvWide, exportJson, stringifyJsonExport } from '../../export/index.ts';
import type { RunStore } from '../../store/index.ts';
import { ApiFailure } from '../errors.ts';
import { getRun, type HandlerContext, type HandlerMap } from './context.ts';

/** Runs read per page: the store's list returns at most this many at once. */
const PAGE = 1000;

/** Every run of the experiment, oldest first, paged through one read snapshot so none is missed. */
function experimentRunIds(store: RunStore, experimentId: string): string[] {
  return store.db.transaction(() => {
    const ids: string[] = [];
    for (;;) {
      const page = store.listRuns({ experimentId, limit: PAGE, offset: ids.length, sort: 'created', dir: 'asc' });
      ids.push(...page.items.map((r) => r.id));
      if (page.items.length < PAGE || ids.length >= page.total) return ids;
    }
  })();
}

/** The named runs plus every run of the experiment, each once, all of them existing. */
function runIdsFor(store: RunStore, input: { ids: string[]; experimentId?: string }): string[] {
  const extra = input.experimentId ? experimentRunIds(store, input.experimentId) : [];
  const all = [...new Set([...input.ids, ...extra])];
  if (!all.length)
    throw new ApiFailure({
      code: 'invalid_argument',
      field: 'ids',
      message: 'ids: name at least one run (or an experimentId)',
    });
  for (const id of all) getRun(store, id);
  return all;
}

export function exportHandlers({ store }: HandlerContext): HandlerMap<'runs.export'> {
  return {
    'runs.export': (input) => {
      const ids = runIdsFor(store, input);
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      if (input.format === 'json')
        return {
          filename: `gradient-workbench-${stamp}.json`,
          mime: 'application/json',
          content: stringifyJsonExport(exportJson(store, ids), 2),
        };
      const content = input.format === 'csv' ? exportCsvLong(store, ids) : exportCsvWide(store, ids);
      return {
        filename: `gradient-workbench-${stamp}${input.format === 'csv' ? '' : '-wide'}.csv`,
        mime: 'text/csv',
        content,
      };
    },
  };
}
