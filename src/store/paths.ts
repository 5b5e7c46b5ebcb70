/** Where the workbench keeps its database when the user does not say. */
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const DB_FILE_NAME = 'workbench.db';

export interface PathContext {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  home: string;
}

/**
 * `$GRADIENT_WORKBENCH_DB` when set; otherwise the platform's per-user data folder:
 * Linux (and other Unix) `$XDG_DATA_HOME/gradient-workbench/workbench.db` (default ~/.local/share),
 * macOS `~/Library/Application Support/Gradient Workbench/workbench.db`,
 * Windows `%APPDATA%\Gradient Workbench\workbench.db`.
 */
export function defaultDatabasePath(
  ctx: PathContext = { env: process.env, platform: process.platform, home: homedir() },
): string {
  const override = ctx.env.GRADIENT_WORKBENCH_DB;
  if (override !== undefined && override !== '') return override;
  switch (ctx.platform) {
    case 'win32': {
      const appData = nonEmpty(ctx.env.APPDATA) ?? win32.join(ctx.home, 'AppData', 'Roaming');
      return win32.join(appData, 'Gradient Workbench', DB_FILE_NAME);
    }
    case 'darwin':
      return posix.join(ctx.home, 'Library', 'Application Support', 'Gradient Workbench', DB_FILE_NAME);
    default: {
      // XDG says a relative XDG_DATA_HOME is invalid and must be ignored
      const xdg = nonEmpty(ctx.env.XDG_DATA_HOME);
      const base = xdg !== undefined && posix.isAbsolute(xdg) ? xdg : posix.join(ctx.home, '.local', 'share');
      return posix.join(base, 'gradient-workbench', DB_FILE_NAME);
    }
  }
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}
