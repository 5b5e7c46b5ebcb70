/**
 * `gradient-workbench run <file>`: a spec or an experiment (sweep) file, validated as written, then
 * with its overrides, then started and followed through the contract until every run has ended.
 * Nothing is written when any run's spec is invalid. Ctrl-C cancels cleanly (runs end `cancelled`,
 * epochs kept); a second Ctrl-C quits at once.
 */
import { type ApiClient, EVENTS, type Events } from '../api/contract.ts';
import { call, type CliContext, withService } from './context.ts';
import { EXIT } from './exit-codes.ts';
import type { Override } from './flags.ts';
import { closingLine, interruptHandler } from './interrupts.ts';
import { jsonReporter, plainReporter, type Reporter, ttyReporter } from './progress.ts';
import { loadRunFile } from './spec-file.ts';

export interface RunFlags {
  db?: string;
  json?: boolean;
  parallel?: number;
  epochs?: number;
  backend?: string;
  set?: Override[];
  /** bytes (--max-memory) */
  maxMemory?: number;
  /** a Redis URL: the runs train on its workers instead of here */
  remote?: string;
}

function pickReporter(ctx: CliContext, json: boolean | undefined): Reporter {
  if (json) return jsonReporter(ctx.io.out, ctx.io.err);
  return ctx.io.tty ? ttyReporter(ctx.io.err) : plainReporter(ctx.io.out);
}

/** --epochs and --backend are shorthands for --set; an explicit --set comes last and wins. */
function overridesOf(flags: RunFlags): Override[] {
  return [
    ...(flags.epochs !== undefined ? [{ path: 'epochs', value: flags.epochs }] : []),
    ...(flags.backend !== undefined ? [{ path: 'backend', value: flags.backend }] : []),
    ...(flags.set ?? []),
  ];
}

/** Subscribed before `runs.start`, so no event of the new runs is missed; `until` resolves with each run's end. */
function watch(client: ApiClient, reporter: Reporter) {
  const finished = new Map<string, Events['run.finished']>();
  let check = () => {};
  const offs = EVENTS.map((event) =>
    client.subscribe(event, (payload) => {
      (reporter[event] as ((p: typeof payload) => void) | undefined)?.(payload);
      if (event === 'run.finished') {
        const end = payload as Events['run.finished'];
        finished.set(end.runId, end);
        check();
      }
    }),
  );
  return {
    finished,
    until: (ids: string[]) =>
      new Promise<Array<Events['run.finished']>>((resolve) => {
        check = () => void (ids.every((id) => finished.has(id)) && resolve(ids.map((id) => finished.get(id)!)));
        check();
      }),
    close: () => offs.forEach((off) => off()),
  };
}

export async function runCommand(ctx: CliContext, file: string, flags: RunFlags): Promise<number> {
  // every check that needs no database first: a refused file must not even create one
  const { request } = loadRunFile(file, overridesOf(flags), flags.maxMemory);
  const remote = flags.remote ? { url: flags.remote } : undefined;
  const opts = { db: flags.db, parallel: flags.parallel, maxMemory: flags.maxMemory, remote };
  return withService(ctx, opts, async ({ client }) => {
    const reporter = pickReporter(ctx, flags.json);
    const watcher = watch(client, reporter);
    let runIds: string[] = [];
    const cancelAll = () => {
      for (const id of runIds) if (!watcher.finished.has(id)) void client.invoke('runs.cancel', { id });
    };
    const interrupts = interruptHandler({
      onFirst: () => {
        reporter.note('cancelling… (Ctrl-C again to quit at once; unfinished runs are then marked interrupted)');
        cancelAll();
      },
      onSecond: () => {
        reporter.stop();
        ctx.io.err.write(`${closingLine(runIds, watcher.finished)}; quit before they ended\n`);
        process.exit(EXIT.cancelled);
      },
    });
    const onSignal = () => interrupts.handle();
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const started = await call(client, 'runs.start', request, `cannot run ${file}`);
      runIds = started.runIds;
      if (started.experimentId) reporter.note(`experiment ${started.experimentId}`);
      if (interrupts.interrupted()) cancelAll();
      if (!flags.json) for (const id of runIds) reporter.queued(id, (await call(client, 'runs.get', { id })).name);
      const ends = await watcher.until(runIds);
      if (interrupts.interrupted()) reporter.note(closingLine(runIds, watcher.finished));
      if (interrupts.interrupted() || ends.some((e) => e.status === 'cancelled')) return EXIT.cancelled;
      return ends.every((e) => e.status === 'completed') ? EXIT.ok : EXIT.runFailed;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      watcher.close();
      reporter.stop();
    }
  });
}
