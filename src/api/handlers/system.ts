/** The app and its backends: what a Settings view or `serve` shows about the machine. */
import type { HandlerContext, HandlerMap } from './context.ts';
import { appVersion } from '../../runtime/paths.ts';

export function systemHandlers(ctx: HandlerContext): HandlerMap<'backends.diagnose' | 'app.info'> {
  const { store } = ctx;
  return {
    'backends.diagnose': async () => {
      // in a worker: this process (CLI, serve, Electron main) never loads tfjs
      const { diagnoseBackends } = await import('../../train/backend/diagnose-in-worker.ts');
      const last = store.listRuns({ limit: 20 }).items.find((r) => r.startedAt);
      return {
        diagnoses: await diagnoseBackends(),
        lastUsed: last ? (store.getRun(last.id)?.backend ?? null) : null,
      };
    },
    'app.info': () => ({
      version: appVersion(),
      dbPath: ctx.dbPath,
      readOnly: store.readOnly,
      readOnlyReason: store.readOnlyReason,
      parallel: ctx.scheduler.parallel,
      door: ctx.door,
    }),
  };
}
