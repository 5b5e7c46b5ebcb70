/**
 * `worker` and `sync`: the two commands of training on other machines (README "Training on other
 * machines"). `worker` needs no database; `sync` reads the result stream into one.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { BACKENDS } from '../experiment/spec.ts';
import { parseRedisUrl } from '../remote/connection.ts';
import { type CliContext, withService } from './context.ts';
import { EXIT } from './exit-codes.ts';
import { enumFlag, intFlag, sizeFlag } from './flags.ts';
import { workerCommand } from './worker-command.ts';

type Act = (work: () => Promise<number>) => Promise<void>;

/** A redis:// or rediss:// URL, refused where commander reads it (exit 2, naming the flag). */
export function redisUrlFlag(value: string): string {
  try {
    parseRedisUrl({ url: value }, {});
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message.replace(/^redis: /, ''));
  }
  return value;
}

const redisOption = () =>
  new Option(
    '--redis <url>',
    'the Redis server: redis://[user@]host:port, rediss:// for TLS; password from $GRADIENT_WORKBENCH_REDIS_PASSWORD',
  )
    .argParser(redisUrlFlag)
    .makeOptionMandatory();

export function addRemoteCommands(program: Command, ctx: CliContext, act: Act): void {
  program
    .command('worker')
    .description(
      'train runs from the workbench queues on a Redis server until stopped (SIGTERM cancels and marks the running runs)',
    )
    .addOption(redisOption())
    .option('--concurrency <n>', 'runs trained at once (one per GPU)', intFlag({ min: 1, max: 64 }), 1)
    .addOption(
      new Option('--backend <name>', 'the backend to train on, whatever the spec asks').argParser(enumFlag(BACKENDS)),
    )
    .option('--name <label>', 'the machine label stored with each run (default: host name)')
    .option(
      '--stall-after <seconds>',
      'a run without a heartbeat this long restarts on another worker',
      intFlag({ min: 1, max: 3600 }),
      30,
    )
    .option(
      '--attempts <n>',
      'starts a run gets before it is marked failed when its workers keep dying',
      intFlag({ min: 1, max: 20 }),
      3,
    )
    .option('--max-memory <size>', 'memory budget per run, e.g. 4GiB (default: half of this machine)', sizeFlag)
    .action((flags) => act(() => workerCommand(ctx, flags)));

  program
    .command('sync')
    .description("read the remote workers' results into the database (every epoch exactly once), then exit")
    .option('--db <path>', 'database file (default: $GRADIENT_WORKBENCH_DB, else the user data folder)')
    .addOption(redisOption())
    .option('--wait', 'keep reading until every remote run of the database has ended')
    .action((flags) => act(() => syncCommand(ctx, flags)));
}

export interface SyncFlags {
  db?: string;
  redis: string;
  wait?: boolean;
}

async function syncCommand(ctx: CliContext, flags: SyncFlags): Promise<number> {
  return withService(ctx, { db: flags.db, remote: { url: flags.redis } }, async ({ service }) => {
    const link = service.remote!;
    let read = await link.drain();
    if (flags.wait) {
      let stop = false;
      const onSignal = () => (stop = true);
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        while (!stop && link.openRunIds().length > 0)
          read += await link.drain().then(async (n) => (n || (await pause(250)), n));
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    }
    const open = link.openRunIds().length;
    ctx.io.out.write(
      `${read} result(s) read from ${link.target.display}; ${open} remote run(s) still queued or running\n`,
    );
    return EXIT.ok;
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
