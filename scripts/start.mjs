#!/usr/bin/env node
// `npm start [-- --db FILE]`: build the renderer, then open the desktop app; where Electron's
// binary is missing (an offline install skips its download), serve the same workbench to a
// browser instead. Arguments after `--` go to the app (or to `gradient-workbench serve`).
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { electronBinary, NO_ELECTRON_MESSAGE } = await import('../electron/binary.ts');
const { electronSqliteBinding } = await import('./electron-native.mjs');

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);

const renderer = spawnSync('npm', ['run', '--silent', 'build:renderer'], {
  cwd: ROOT,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (renderer.status !== 0) process.exit(renderer.status ?? 1);

/**
 * Electron 45 downloads its binary on first use, not at install: try once (it fails at once
 * where only the npm registry is reachable). GW_NO_ELECTRON_DOWNLOAD=1 skips the attempt.
 */
function ensureElectron() {
  const found = electronBinary(ROOT);
  if (found || process.env.GW_NO_ELECTRON_DOWNLOAD === '1') return found;
  process.stdout.write("fetching Electron's binary (once)…\n");
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron/install.js')], {
    cwd: ROOT,
    stdio: 'ignore',
    timeout: 600_000,
  });
  return r.status === 0 ? electronBinary(ROOT) : null;
}

/** better-sqlite3 built for Electron's ABI beside node_modules (the Node build stays for CLI and tests). */
function sqliteForElectron() {
  try {
    return electronSqliteBinding(ROOT);
  } catch (err) {
    process.stdout.write(`${err.message}; starting the web workbench instead\n`);
    return null;
  }
}

let child;
const binary = ensureElectron();
const binding = binary ? sqliteForElectron() : null;
if (binary && binding) {
  const { buildDesktop } = await import('../electron/build.ts');
  const { main } = await buildDesktop();
  const env = { ...process.env, GW_SQLITE_BINDING: binding };
  delete env.ELECTRON_RUN_AS_NODE; // set, it would make Electron a plain Node
  child = spawn(binary, [main, ...args], { cwd: ROOT, stdio: 'inherit', env });
} else {
  if (!binary) process.stdout.write(`${NO_ELECTRON_MESSAGE}\n`);
  // serve's default port, unless it is taken (then any free one) or the user named one
  const port = args.some((a) => a === '--port' || a.startsWith('--port='))
    ? []
    : ['--port', (await portFree(8787)) ? '8787' : '0'];
  child = spawn(process.execPath, [join(ROOT, 'bin/gradient-workbench.js'), 'serve', '--open', ...port, ...args], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

function portFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

// Ctrl-C reaches the child from the terminal already (same process group); forward the rest,
// so the child still cancels running runs and closes the database before exiting.
process.on('SIGINT', () => {});
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
