/**
 * `gradient-workbench serve`: the workbench in any Chromium — the built renderer and the contract
 * over HTTP + WebSocket. Loopback by default; bound elsewhere the printed URL carries the session token.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defaultDataRoots } from '../data/data-roots.ts';
import { startWebBridge } from '../server/web-bridge.ts';
import { call, type CliContext, withService } from './context.ts';
import { CliError, EXIT } from './exit-codes.ts';

export const RENDERER_DIST = fileURLToPath(new URL('../../renderer/dist/', import.meta.url));

export interface ServeFlags {
  db?: string;
  port: number;
  host: string;
  open?: boolean;
  parallel?: number;
  /** a Redis URL: runs.start submits there, and the results are followed while serving */
  remote?: string;
}

function openBrowser(url: string, err: NodeJS.WritableStream): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => err.write(`could not open a browser (${cmd}); open ${url} yourself\n`));
  child.unref();
}

export function serveCommand(ctx: CliContext, flags: ServeFlags): Promise<number> {
  // a request over the network may name only data files in the data folders
  const opts = { db: flags.db, parallel: flags.parallel, door: 'web' as const, dataRoots: defaultDataRoots() };
  const remote = flags.remote ? { url: flags.remote } : undefined;
  return withService(ctx, { ...opts, remote }, async ({ client, service }) => {
    // results that arrived while nothing was open are read first, then followed
    service.remote?.follow();
    const info = await call(client, 'app.info', {});
    const bridge = await startWebBridge({
      service,
      host: flags.host,
      port: flags.port,
      staticDir: RENDERER_DIST,
    }).catch((err: NodeJS.ErrnoException) => {
      throw new CliError(
        err.code === 'EADDRINUSE' ? `port ${flags.port} is in use; pick another with --port` : err.message,
        EXIT.runFailed,
      );
    });
    const url = bridge.openUrl;
    ctx.io.out.write(
      `Gradient Workbench at ${url}\ndatabase ${info.dbPath}${info.readOnly ? ' (read-only)' : ''}\nCtrl-C stops (running runs are cancelled, their epochs kept)\n`,
    );
    if (flags.open) openBrowser(url, ctx.io.err);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    ctx.io.out.write('stopping…\n');
    await bridge.close();
    return EXIT.ok;
  });
}
