/**
 * runs.start and runs.cancel when the service has a remote queue: runs go to the queue instead of
 * this machine's scheduler, and a remote run's cancel goes to its worker. Runs of a resubmitted
 * sweep that already ended are reported ended at once, so whoever waits for them is not left waiting.
 */
import type { RemoteLink } from '../../remote/link.ts';
import { getRun, type HandlerContext, type HandlerMap } from './context.ts';
import { planRuns } from './experiments.ts';

export function remoteRunHandlers(ctx: HandlerContext, link: RemoteLink): HandlerMap<'runs.start' | 'runs.cancel'> {
  const { store, scheduler } = ctx;
  return {
    'runs.start': async (input) => {
      const plan = planRuns(input);
      // the worker checks again against its own machine; this catches a bad file before anything is queued
      ctx.preflight(plan.specs);
      const { runIds, experimentId, ended } = await link.submit(plan);
      ctx.emit('runs.changed', { reason: 'created' });
      for (const { runId } of ended) {
        const run = getRun(store, runId);
        ctx.emit('run.finished', { runId, status: run.status, epochs: run.epochsDone, message: run.error });
      }
      return { runIds, experimentId };
    },
    'runs.cancel': async ({ id }) => {
      const run = getRun(store, id);
      if (!run.remote) return { cancelled: scheduler.cancel(id) };
      if (run.status !== 'queued' && run.status !== 'running') return { cancelled: false };
      if (await link.cancel(id)) {
        // the job was still waiting: no worker will ever report it, so it ends here
        const message = 'cancelled before it started';
        store.finishRun(id, 'cancelled', message);
        ctx.emit('run.finished', { runId: id, status: 'cancelled', epochs: 0, message });
      }
      return { cancelled: true };
    },
  };
}
