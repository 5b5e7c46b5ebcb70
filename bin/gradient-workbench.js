#!/usr/bin/env node
// The CLI. In a checkout it runs the TypeScript sources through tsx's loader (a devDependency), so
// there is no build step to forget. Where tsx is absent (`npm install --omit=dev`, a copy without
// dev tools) it runs the compiled CLI, dist/desktop/cli.mjs, written by `npm run build:electron`.
// With neither, it says what to do and exits 2 rather than failing with a loader stack trace.
import { existsSync } from 'node:fs';

const COMPILED = new URL('../dist/desktop/cli.mjs', import.meta.url);

/** tsx's register(), or null when the package is not installed (any other failure is a real error). */
async function tsxRegister() {
  try {
    return (await import('tsx/esm/api')).register;
  } catch (err) {
    if (err?.code === 'ERR_MODULE_NOT_FOUND' && /'tsx'/.test(err.message)) return null;
    throw err;
  }
}

const register = await tsxRegister();
if (register) {
  register();
  await import('../src/cli/main.ts');
} else if (existsSync(COMPILED)) {
  await import(COMPILED.href);
} else {
  process.stderr.write(
    'error: gradient-workbench needs either tsx to run from source (a dev dependency: run `npm install` ' +
      'without --omit=dev) or the compiled CLI dist/desktop/cli.mjs (build it with `npm run build:electron`)\n',
  );
  process.exitCode = 2;
}
