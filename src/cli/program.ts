/**
 * The command line's grammar (commander) and its one exit: every command reaches the Service
 * through the contract's in-process client; usage errors and bad flag values exit 2.
 */
import { Command, CommanderError, Option } from 'commander';
import { EXPORT_FORMATS, inputs } from '../api/contract.ts';
import { BACKENDS } from '../experiment/spec.ts';
import { type CliContext, defaultContext } from './context.ts';
import { CliError, EXIT } from './exit-codes.ts';
import { exportCommand } from './export-command.ts';
import { enumFlag, intFlag, setFlag, sizeFlag } from './flags.ts';
import { backendsCommand } from './backends-command.ts';
import { deleteCommand, listCommand, showCommand } from './query-commands.ts';
import { addRemoteCommands, redisUrlFlag } from './remote-commands.ts';
import { runCommand } from './run-command.ts';
import { serveCommand } from './serve-command.ts';
import { addStudyCommands } from './study-program.ts';
import { terminalText } from './terminal-text.ts';
import { RUN_STATUSES } from '../domain/run-status.ts';
import { appVersion } from '../runtime/paths.ts';
import { DatabaseError } from '../store/open-errors.ts';

const dbOption = ['--db <path>', 'database file (default: $GRADIENT_WORKBENCH_DB, else the user data folder)'] as const;
const listInput = inputs['runs.list'].shape;
const STATUSES = RUN_STATUSES;
const MAX_LIMIT = listInput.limit.unwrap().maxValue ?? 1000;
const parallelOption = () =>
  new Option('--parallel <n>', 'runs trained at once (default: one per core)').argParser(intFlag({ min: 1, max: 64 }));

function buildProgram(ctx: CliContext, done: (code: number) => void): Command {
  const program = new Command('gradient-workbench')
    .description('Design, train, diagnose and compare multi-task networks by their gradient flow.')
    .version(appVersion())
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out.write(s), writeErr: (s) => ctx.io.err.write(s) })
    .showHelpAfterError();
  const act = async (work: () => Promise<number>) => done(await work());
  addTrainingCommands(program, ctx, act);
  addQueryCommands(program, ctx, act);
  addStudyCommands(program, ctx, act);
  addRemoteCommands(program, ctx, act);
  return program;
}

type Act = (work: () => Promise<number>) => Promise<void>;

function addTrainingCommands(program: Command, ctx: CliContext, act: Act): void {
  program
    .command('run <file>')
    .description(
      'train the spec or experiment (sweep) in <file>; exit 0 completed, 1 failed/diverged, 2 bad input, 130 cancelled',
    )
    .option(...dbOption)
    .option('--json', 'the contract\'s events, one {"event","payload"} object per line, for machines')
    .addOption(parallelOption())
    .option('--set <path=value>', 'set a spec field (dotted path; value as JSON, else text); repeatable', setFlag)
    .option('--epochs <n>', 'shorthand for --set epochs=<n>', intFlag({ min: 1 }))
    .option('--max-memory <size>', 'memory budget per run, e.g. 4GiB (default: half of this machine)', sizeFlag)
    .addOption(new Option('--backend <name>', 'shorthand for --set backend=<name>').argParser(enumFlag(BACKENDS)))
    .option(
      '--remote <url>',
      'submit to the workers of this Redis server (redis:// or rediss://) and follow',
      redisUrlFlag,
    )
    .action((file, flags) => act(() => runCommand(ctx, file, flags)));

  program
    .command('serve')
    .description(
      'serve the workbench UI and API to a browser (loopback only unless --host; elsewhere a token is required)',
    )
    .option(...dbOption)
    .option('--port <port>', 'port (0 = any free one)', intFlag({ min: 0, max: 65535 }), 8787)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .addOption(parallelOption())
    .option('--open', 'open it in the default browser')
    .option('--remote <url>', "train on this Redis server's workers and follow their results", redisUrlFlag)
    .action((flags) => act(() => serveCommand(ctx, flags)));
}

function addQueryCommands(program: Command, ctx: CliContext, act: Act): void {
  program
    .command('list')
    .description('list runs, newest first')
    .option(...dbOption)
    .option('--status <status>', `only runs with this status: ${STATUSES.join(', ')}`, enumFlag(STATUSES))
    .option('--tag <tag>', 'only runs with this tag')
    .option('--text <text>', 'name, notes or experiment containing this text')
    .option('--limit <n>', 'at most n runs', intFlag({ min: 1, max: MAX_LIMIT }), 50)
    .option('--json', 'JSON output')
    .action((flags) => act(() => listCommand(ctx, flags)));

  program
    .command('show <id>')
    .description('one run: spec summary, backend, and every epoch')
    .option(...dbOption)
    .option('--json', 'JSON output (run and all epoch records)')
    .action((id, flags) => act(() => showCommand(ctx, id, flags)));

  program
    .command('export [ids...]')
    .description('export runs as CSV (long/tidy form), wide CSV (one row per epoch) or JSON')
    .option(...dbOption)
    .option('--format <format>', EXPORT_FORMATS.join(' | '), enumFlag(EXPORT_FORMATS), 'csv')
    .option('--out <file>', 'write to a file instead of standard output')
    .option('--experiment <id>', 'add every run of this experiment')
    .action((ids, flags) => act(() => exportCommand(ctx, ids, flags)));

  program
    .command('backends')
    .description('which trainer backends load here, why the others do not, and the native BLAS tier')
    .option(...dbOption)
    .option('--json', 'JSON output (the backends.diagnose answer)')
    .action((flags) => act(() => backendsCommand(ctx, flags)));

  program
    .command('delete <ids...>')
    .description('delete runs and all their epochs')
    .option(...dbOption)
    .action((ids, flags) => act(() => deleteCommand(ctx, ids, flags)));
}

/** Run one command line (`args` without node and the script); resolves with the exit code. */
export async function runCli(args: string[], over: Partial<CliContext> = {}): Promise<number> {
  const ctx = { ...defaultContext(), ...over };
  let code: number = EXIT.ok;
  try {
    await buildProgram(ctx, (c) => (code = c)).parseAsync(args, { from: 'user' });
    return code;
  } catch (err) {
    // commander has already printed its message (usage, bad flag value, help, version)
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    if (err instanceof DatabaseError) {
      ctx.io.err.write(`error: ${terminalText(err.message)}\n`);
      return err.problem === 'missing' ? EXIT.badInput : EXIT.runFailed;
    }
    if (err instanceof CliError) {
      // messages quote user text (names, paths, values)
      ctx.io.err.write(`error: ${terminalText(err.message, { multiline: true })}\n`);
      return err.exitCode;
    }
    ctx.io.err.write(`error: ${(err as Error).stack ?? err}\n`);
    return EXIT.runFailed;
  }
}
