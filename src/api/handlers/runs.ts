/** The runs domain: start, cancel, read, compare, annotate and delete runs. */
import { ApiFailure } from '../errors.ts';
import { specDiff } from '../spec-diff.ts';
import { getRun, type HandlerContext, type HandlerMap } from './context.ts';
import { planRuns } from './experiments.ts';

type RunMethods =
  | 'runs.start'
  | 'runs.cancel'
  | 'runs.list'
  | 'runs.get'
  | 'runs.epochs'
  | 'runs.compare'
  | 'runs.update'
  | 'runs.delete'
  | 'runs.active'
  | 'runs.resolve';

export function runHandlers(ctx: HandlerContext): HandlerMap<RunMethods> {
  const { store, scheduler } = ctx;
  const get = (id: string) => getRun(store, id);
  return {
    'runs.start': (input) => {
      const plan = planRuns(input);
      // before the store is touched: a refused spec creates nothing, not even the database file
      ctx.preflight(plan.specs);
      const experimentId = plan.name ? store.createExperiment({ name: plan.name, sweep: plan.sweep }) : null;
      const runIds = scheduler.enqueue(plan.specs, { experimentId });
      ctx.emit('runs.changed', { reason: 'created' });
      return { runIds, experimentId };
    },
    'runs.cancel': ({ id }) => {
      get(id);
      return { cancelled: scheduler.cancel(id) };
    },
    'runs.list': (q) => store.listRuns(q),
    'runs.get': ({ id }) => get(id),
    'runs.epochs': ({ id, from, to }) => (get(id), store.getEpochs(id, { from, to })),
    'runs.compare': ({ ids, layerFields }) => {
      const runs = ids.map(get);
      // column-wise, histograms never read; layerFields absent: the store's default (gradL2, dzL2, updateRatio)
      const data = Object.fromEntries([...new Set(ids)].map((id) => [id, store.compareData(id, { layerFields })]));
      return { runs, diff: specDiff(runs.map((r) => r.spec)), data };
    },
    'runs.update': ({ id, ...patch }) => {
      get(id);
      store.updateRun(id, patch);
      ctx.emit('runs.changed', { reason: 'updated' });
      return get(id);
    },
    'runs.delete': ({ ids }) => {
      ids.forEach(get);
      const { running, queued } = scheduler.active;
      const busy = ids.filter((id) => running.includes(id) || queued.includes(id));
      if (busy.length)
        throw new ApiFailure({
          code: 'invalid_state',
          field: 'ids',
          message: `cancel run ${busy.join(', ')} before deleting it`,
        });
      const deleted = store.deleteRuns(ids);
      ctx.emit('runs.changed', { reason: 'deleted' });
      return { deleted };
    },
    'runs.resolve': ({ prefix }) => {
      const { ids, total } = store.runIdsWithPrefix(prefix);
      if (total === 1) return { id: ids[0] };
      throw new ApiFailure(
        total === 0
          ? { code: 'not_found', field: 'prefix', message: `no run id starts with ${prefix}` }
          : {
              code: 'invalid_argument',
              field: 'prefix',
              message: `${prefix} is ambiguous: ${total} run ids start with it; give more characters`,
            },
      );
    },
    'runs.active': () => ({ ...scheduler.active, progress: Object.fromEntries(ctx.progress) }),
  };
}
