/**
 * runs.start and runs.cancel with a remote queue in play, and the queue's own settings. Runs go to
 * the queue when asked (`on: 'remote'`, or by default when the service was opened with a queue); a
 * remote run's cancel goes to its worker. Runs of a resubmitted sweep that already ended are
 * reported ended at once, so whoever waits for them is not left waiting.
 */
import type { RemoteStatus } from '../contract.ts';
import { ApiFailure } from '../errors.ts';
import type { RemoteSlot } from '../remote-slot.ts';
import { RemoteConfigError } from '../../remote/connection.ts';
import type { RemoteLink } from '../../remote/link.ts';
import { getRun, type HandlerContext, type HandlerMap } from './context.ts';
import { planRuns } from './experiments.ts';
import { runHandlers } from './runs.ts';

type Methods = 'runs.start' | 'runs.cancel' | 'remote.status' | 'remote.configure';

export function remoteRunHandlers(ctx: HandlerContext, slot: RemoteSlot): HandlerMap<Methods> {
  const { store } = ctx;
  const local = runHandlers(ctx);
  const status = (): RemoteStatus => ({
    configured: slot.link !== null,
    url: slot.link?.target.display ?? null,
    tls: slot.tls,
    isDefault: slot.isDefault,
    openRuns: slot.link?.openRunIds().length ?? 0,
  });
  return {
    'runs.start': async (input) => {
      const remote = input.on === 'remote' || (input.on === undefined && slot.isDefault);
      if (!remote) return local['runs.start'](input);
      if (!slot.link)
        throw new ApiFailure({
          code: 'invalid_state',
          field: 'on',
          message: 'no remote queue is set: add its Redis URL in Settings → Remote queue',
        });
      return startRemote(ctx, slot.link, input);
    },
    'runs.cancel': async (input) => {
      const run = getRun(store, input.id);
      if (!run.remote) return local['runs.cancel'](input);
      if (run.status !== 'queued' && run.status !== 'running') return { cancelled: false };
      if (!slot.link)
        throw new ApiFailure({
          code: 'invalid_state',
          field: 'id',
          message: 'this run trains on a remote queue that is not set',
        });
      if (await slot.link.cancel(run.id)) {
        // the job was still waiting: no worker will ever report it, so it ends here
        const message = 'cancelled before it started';
        store.finishRun(run.id, 'cancelled', message);
        ctx.emit('run.finished', { runId: run.id, status: 'cancelled', epochs: 0, message });
      }
      return { cancelled: true };
    },
    'remote.status': () => status(),
    'remote.configure': async ({ url, password, tls }) => {
      try {
        await slot.configure(url === null ? null : { url, password, tls });
      } catch (err) {
        if (err instanceof RemoteConfigError)
          throw new ApiFailure({ code: 'invalid_argument', field: 'url', message: err.message });
        throw err;
      }
      return status();
    },
  };
}

async function startRemote(ctx: HandlerContext, link: RemoteLink, input: { spec?: unknown; experiment?: unknown }) {
  const plan = planRuns(input);
  // the worker checks again against its own machine; this catches a bad file before anything is queued
  ctx.preflight(plan.specs);
  const { runIds, experimentId, ended } = await link.submit(plan);
  ctx.emit('runs.changed', { reason: 'created' });
  for (const { runId } of ended) {
    const run = getRun(ctx.store, runId);
    ctx.emit('run.finished', { runId, status: run.status, epochs: run.epochsDone, message: run.error });
  }
  return { runIds, experimentId };
}
