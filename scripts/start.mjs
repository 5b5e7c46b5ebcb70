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

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);

const renderer = spawnSync('npm', ['run', '--silent', 'build:renderer'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
if (renderer.status !== 0) process.exit(renderer.status ?? 1);

let child;
const binary = electronBinary(ROOT);
if (binary) {
  const { buildDesktop } = await import('../electron/build.ts');
  const { main } = await buildDesktop();
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // set, it would make Electron a plain Node
  child = spawn(binary, [main, ...args], { cwd: ROOT, stdio: 'inherit', env });
} else {
  process.stdout.write(`${NO_ELECTRON_MESSAGE}\n`);
  // serve's default port, unless it is taken (then any free one) or the user named one
  const port = args.some((a) => a === '--port' || a.startsWith('--port=')) ? [] : ['--port', (await portFree(8787)) ? '8787' : '0'];
  child = spawn(process.execPath, [join(ROOT, 'bin/gradient-workbench.js'), 'serve', '--open', ...port, ...args], { cwd: ROOT, stdio: 'inherit' });
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
