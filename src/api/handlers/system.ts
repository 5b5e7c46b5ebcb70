/** The app and its backends: what a Settings view or `serve` shows about the machine, and what it sets. */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { HandlerContext, HandlerMap } from './context.ts';
import { appVersion } from '../../runtime/paths.ts';
import { ApiFailure } from '../errors.ts';

/** More workers than this only queue for the CPU: each trains on one core, a GPU run on few more */
export const maxParallel = () => availableParallelism() * 2;

/** The database file plus its write-ahead log (which holds recent epochs until a checkpoint), in bytes. */
function databaseBytes(dbPath: string): number | null {
  const size = (p: string) => {
    try {
      return statSync(p).size;
    } catch (err) {
      // no -wal file is an empty log; the database itself missing is unknown size
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && p.endsWith('-wal')) return 0;
      return null;
    }
  };
  const db = size(dbPath);
  const wal = size(`${dbPath}-wal`);
  return db === null || wal === null ? null : db + wal;
}

export function systemHandlers(ctx: HandlerContext): HandlerMap<'backends.diagnose' | 'app.info' | 'app.configure'> {
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
      dbBytes: databaseBytes(ctx.dbPath),
      readOnly: store.readOnly,
      readOnlyReason: store.readOnlyReason,
      parallel: ctx.scheduler.parallel,
      maxParallel: maxParallel(),
      door: ctx.door,
    }),
    'app.configure': ({ parallel }) => {
      if (parallel !== undefined) {
        const max = maxParallel();
        if (parallel > max)
          throw new ApiFailure({
            code: 'invalid_argument',
            field: 'parallel',
            message: `parallel: must be at most ${max} (twice this machine's ${max / 2} cores); got ${parallel}`,
          });
        ctx.scheduler.setParallel(parallel);
      }
      return { parallel: ctx.scheduler.parallel };
    },
  };
}
