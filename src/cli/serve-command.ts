/**
 * `gradient-workbench serve`: the workbench in any Chromium — the built renderer and the contract
 * over HTTP + WebSocket. Loopback by default; bound elsewhere the printed URL carries the session token.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Service } from '../api/service.ts';
import { startWebBridge } from '../server/web-bridge.ts';
import { CliError, EXIT, openCliStore, resolveDbPath } from './db.ts';

export const RENDERER_DIST = fileURLToPath(new URL('../../renderer/dist/', import.meta.url));

export interface ServeFlags {
  db?: string;
  port?: string;
  host?: string;
  open?: boolean;
  parallel?: string;
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`could not open a browser (${cmd}); open ${url} yourself\n`));
  child.unref();
}

export async function serveCommand(flags: ServeFlags): Promise<number> {
  const port = Number(flags.port ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError('--port: must be an integer from 0 to 65535', EXIT.badInput);
  const dbPath = resolveDbPath(flags.db);
  const store = openCliStore(flags.db, { write: false });
  const service = new Service({
    store,
    dbPath,
    door: 'web',
    parallel: flags.parallel ? Number(flags.parallel) : undefined,
  });
  const bridge = await startWebBridge({
    service,
    host: flags.host ?? '127.0.0.1',
    port,
    staticDir: RENDERER_DIST,
  }).catch((err: NodeJS.ErrnoException) => {
    throw new CliError(
      err.code === 'EADDRINUSE' ? `port ${port} is in use; pick another with --port` : err.message,
      EXIT.runFailed,
    );
  });
  const url = bridge.openUrl;
  process.stdout.write(
    `Gradient Workbench at ${url}\ndatabase ${dbPath}${store.readOnly ? ' (read-only)' : ''}\nCtrl-C stops (running runs are cancelled, their epochs kept)\n`,
  );
  if (flags.open) openBrowser(url);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write('stopping…\n');
  await bridge.close();
  await service.close();
  return EXIT.ok;
}
