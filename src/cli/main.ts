/** gradient-workbench: the command line, a door of the contract like the app's window and the web bridge. */
import { runCli } from './program.ts';

// `gradient-workbench list | head`: a closed pipe ends the output quietly, not with a stack trace
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await runCli(process.argv.slice(2));
