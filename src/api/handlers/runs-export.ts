/** runs.export: a pure function of what is stored, in the formats the contract names. */
import { exportCsvLong, exportCsvWide, exportJson, stringifyJsonExport } from '../../export/index.ts';
import type { RunStore } from '../../store/index.ts';
import { ApiFailure } from '../errors.ts';
import { getRun, type HandlerContext, type HandlerMap } from './context.ts';

/** The named runs plus every run of the experiment, each once, all of them existing. */
function runIdsFor(store: RunStore, input: { ids: string[]; experimentId?: string }): string[] {
  const extra = input.experimentId
    ? store
        .listRuns({ experimentId: input.experimentId, limit: 1000, sort: 'created', dir: 'asc' })
        .items.map((r) => r.id)
    : [];
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
