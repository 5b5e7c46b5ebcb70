/** gradient-workbench: the command line over the same core the app uses. */
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CliError, EXIT } from './db.ts';
import { exportCommand } from './export-command.ts';
import { deleteCommand, listCommand, showCommand } from './query-commands.ts';
import { runCommand } from './run-command.ts';
import { serveCommand } from './serve-command.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const dbOption = ['--db <path>', 'database file (default: $GRADIENT_WORKBENCH_DB, else the user data folder)'] as const;

async function exit(work: () => number | Promise<number>): Promise<void> {
  try {
    process.exitCode = await work();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (err instanceof CliError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exitCode = err.exitCode;
    } else if (
      code === 'invalid_argument' ||
      code === 'not_found' ||
      code === 'read_only' ||
      code === 'invalid_state'
    ) {
      // the store's own refusals: a one-line message, no stack
      process.stderr.write(`error: ${(err as Error).message}\n`);
      process.exitCode = code === 'invalid_argument' || code === 'not_found' ? EXIT.badInput : EXIT.runFailed;
    } else {
      process.stderr.write(`error: ${(err as Error).stack ?? err}\n`);
      process.exitCode = EXIT.runFailed;
    }
  }
}

// `gradient-workbench list | head`: a closed pipe ends the output quietly, not with a stack trace
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const program = new Command('gradient-workbench')
  .description('Design, train, diagnose and compare multi-task networks by their gradient flow.')
  .version(pkg.version)
  .showHelpAfterError();

program
  .command('run <file>')
  .description(
    'train the spec or experiment (sweep) in <file>; prints run ids; exit 0 completed, 1 failed/diverged, 2 bad input, 130 cancelled',
  )
  .option(...dbOption)
  .option('--json', 'one JSON object per line (events), for machines')
  .option('--parallel <n>', 'runs trained at once (default: one per core)')
  .option('--epochs <n>', 'override the epochs of every run')
  .option('--backend <name>', 'override the backend: auto, tensorflow-gpu, tensorflow, wasm, cpu')
  .action((file, flags) => exit(() => runCommand(file, flags)));

program
  .command('list')
  .description('list runs, newest first')
  .option(...dbOption)
  .option('--status <status>', 'only runs with this status')
  .option('--tag <tag>', 'only runs with this tag')
  .option('--text <text>', 'name, notes or experiment containing this text')
  .option('--limit <n>', 'at most n runs', '50')
  .option('--json', 'JSON output')
  .action((flags) => exit(() => listCommand(flags)));

program
  .command('show <id>')
  .description('one run: spec summary, backend, and every epoch')
  .option(...dbOption)
  .option('--json', 'JSON output (run and all epoch records)')
  .action((id, flags) => exit(() => showCommand(id, flags)));

program
  .command('export [ids...]')
  .description('export runs as CSV (long/tidy form), wide CSV (one row per epoch) or JSON')
  .option(...dbOption)
  .option('--format <format>', 'csv | csv-wide | json', 'csv')
  .option('--out <file>', 'write to a file instead of standard output')
  .option('--experiment <id>', 'add every run of this experiment')
  .action((ids, flags) => exit(() => exportCommand(ids, flags)));

program
  .command('delete <ids...>')
  .description('delete runs and all their epochs')
  .option(...dbOption)
  .action((ids, flags) => exit(() => deleteCommand(ids, flags)));

program
  .command('serve')
  .description(
    'serve the workbench UI and API to a browser (loopback only unless --host; elsewhere a token is required)',
  )
  .option(...dbOption)
  .option('--port <port>', 'port (0 = any free one)', '8787')
  .option('--host <host>', 'address to bind', '127.0.0.1')
  .option('--parallel <n>', 'runs trained at once (default: one per core)')
  .option('--open', 'open it in the default browser')
  .action((flags) => exit(() => serveCommand(flags)));

await program.parseAsync();
