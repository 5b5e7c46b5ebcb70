#!/usr/bin/env node
// `npm run dist [-- --linux AppImage]`: build the renderer and the desktop shell, then package
// with electron-builder (electron-builder.yml). electron-builder rebuilds native modules
// (better-sqlite3, tfjs-node when installed) for Electron's ABI in this node_modules, in place;
// afterwards they are rebuilt for Node again, so the CLI and the tests keep working.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const win = process.platform === 'win32';
const run = (cmd, args) => spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', shell: win }).status ?? 1;

for (const script of ['build:renderer', 'build:electron']) {
  const code = run('npm', ['run', '--silent', script]);
  if (code !== 0) process.exit(code);
}
const packaged = run('npx', [
  'electron-builder',
  '--config',
  'electron-builder.yml',
  '--publish',
  'never',
  ...process.argv.slice(2),
]);
process.stdout.write('rebuilding native modules for Node again (electron-builder built them for Electron)…\n');
const restored = run('npm', ['rebuild', 'better-sqlite3']);
if (restored !== 0)
  process.stderr.write('`npm rebuild better-sqlite3` failed: run it before using the CLI or the tests\n');
process.exit(packaged || restored);
