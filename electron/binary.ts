/**
 * Where the Electron binary is, without `require('electron')`: that call tries to download the
 * binary when it is missing (electron/index.js), which hangs or fails on an offline machine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The executable's path, or null when the download was skipped or failed. */
export function electronBinary(root: string, env: Record<string, string | undefined> = process.env): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || join(pkg, 'dist');
  if (!relative && !env.ELECTRON_OVERRIDE_DIST_PATH) return null;
  const file = join(dist, relative || 'electron');
  return existsSync(file) ? file : null;
}

export const NO_ELECTRON_MESSAGE =
  "Electron's binary is not installed (its download was skipped or failed); starting the web workbench instead — open the URL below";
