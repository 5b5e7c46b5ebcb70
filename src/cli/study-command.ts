/**
 * `gradient-workbench study list | run <name> | report <id>`: the built-in studies through the
 * contract. `run` starts a study run, reports progress as its runs end, then prints what was
 * measured and the verdict; Ctrl-C cancels its runs.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ApiClient, Events } from '../api/contract.ts';
import { studyReportHtml } from '../studies/report/html.ts';
import { call, type CliContext, withService } from './context.ts';
import { CliError, EXIT } from './exit-codes.ts';
import type { Override } from './flags.ts';
import { resultJsonLines, resultText } from './study-output.ts';

export interface StudyRunFlags {
  db?: string;
  quick?: boolean;
  seeds?: number;
  set?: Override[];
  json?: boolean;
  parallel?: number;
  maxMemory?: number;
}

const IDX_PATH = /^data\.(images|labels|valImages|valLabels)$/;

/** --set as the contract's `set`; a relative IDX path typed here is relative to the working folder. */
function setOf(overrides: Override[] = []): Record<string, unknown> {
  return Object.fromEntries(
    overrides.map((o) => [o.path, IDX_PATH.test(o.path) && typeof o.value === 'string' ? resolve(o.value) : o.value]),
  );
}

/** Resolves when every run in `ids` has ended (subscribed before the runs start, so no end is missed). */
function endings(client: ApiClient, onEnd: (done: number) => void) {
  const ended = new Map<string, Events['run.finished']>();
  let ids: string[] | null = null;
  let resolveAll: () => void = () => {};
  const all = new Promise<void>((r) => (resolveAll = r));
  const check = () => void (ids && ids.every((id) => ended.has(id)) && resolveAll());
  const off = client.subscribe('run.finished', (end) => {
    ended.set(end.runId, end);
    if (ids?.includes(end.runId)) onEnd(ids.filter((id) => ended.has(id)).length);
    check();
  });
  return {
    ended,
    until: (runIds: string[]) => ((ids = runIds), check(), all),
    off,
  };
}

export async function studyRunCommand(ctx: CliContext, name: string, flags: StudyRunFlags): Promise<number> {
  const { db, parallel, maxMemory } = flags;
  return withService(ctx, { db, parallel, maxMemory }, async ({ client }) => {
    const started = Date.now();
    const w = (s: string) => void ctx.io.out.write(s + '\n');
    let total = 0;
    const watch = endings(client, (done) =>
      flags.json
        ? w(JSON.stringify({ type: 'progress', done, total }))
        : ctx.io.err.write(`progress ${done}/${total} runs\n`),
    );
    let runIds: string[] = [];
    const cancel = () => runIds.forEach((id) => void client.invoke('runs.cancel', { id }));
    process.on('SIGINT', cancel);
    process.on('SIGTERM', cancel);
    try {
      const input = {
        name,
        size: flags.quick ? ('quick' as const) : ('full' as const),
        seeds: flags.seeds,
        set: setOf(flags.set),
      };
      const run = await call(client, 'studies.run', input, `cannot run study ${name}`);
      runIds = run.runIds;
      total = runIds.length;
      if (flags.json) w(JSON.stringify({ type: 'started', studyRunId: run.studyRunId, runs: total }));
      else ctx.io.err.write(`study run ${run.studyRunId}: ${total} runs\n`);
      await watch.until(runIds);
      const result = await call(client, 'studies.result', { id: run.studyRunId });
      const wall = (Date.now() - started) / 1000;
      (flags.json ? resultJsonLines(result, wall) : resultText(result, wall)).forEach(w);
      if (result.status === 'cancelled') return EXIT.cancelled;
      return result.status === 'done' ? EXIT.ok : EXIT.runFailed;
    } finally {
      process.off('SIGINT', cancel);
      process.off('SIGTERM', cancel);
      watch.off();
    }
  });
}

export async function studyListCommand(ctx: CliContext, flags: { db?: string; json?: boolean }): Promise<number> {
  return withService(ctx, { db: flags.db }, async ({ client }) => {
    const studies = await call(client, 'studies.list', {});
    const w = (s: string) => void ctx.io.out.write(s + '\n');
    if (flags.json) w(JSON.stringify(studies));
    else
      for (const s of studies) {
        const size = (k: 'quick' | 'full') => {
          const p = s.sizes[k];
          const time = p.estimateSeconds === null ? 'time unknown' : `~${p.estimateSeconds} s`;
          return `${k}: ${p.runs} runs, ${p.seeds} seeds, ${p.epochs} epoch${p.epochs === 1 ? '' : 's'} each, ${time}`;
        };
        w(`${s.name} (v${s.version}) — ${s.title}`);
        w(`  ${size('quick')}; ${size('full')}`);
      }
    return EXIT.ok;
  });
}

export async function studyReportCommand(
  ctx: CliContext,
  id: string,
  flags: { db?: string; out?: string },
): Promise<number> {
  return withService(ctx, { db: flags.db, mustExist: true }, async ({ client }) => {
    const result = await call(client, 'studies.result', { id }, `cannot report study run ${id}`);
    const html = studyReportHtml(result);
    if (!flags.out) ctx.io.out.write(html);
    else {
      try {
        writeFileSync(flags.out, html);
      } catch (err) {
        throw new CliError(`cannot write ${flags.out}: ${(err as Error).message}`, EXIT.runFailed);
      }
      ctx.io.err.write(`wrote ${flags.out}\n`);
    }
    return EXIT.ok;
  });
}
