'use strict';
// The addon's install script: `node-gyp rebuild`, except that a failed build does not fail the install.
// npm would drop a failed optional dependency, and with it node_modules/gradient-workbench-blas, so
// `npm rebuild gradient-workbench-blas` would find nothing to rebuild once a compiler is there, and the
// app could only say "not installed". Exiting 0 keeps the package linked with no .node in it, and
// build/not-built.txt records node-gyp's own reason, which index.cjs throws and the backend report shows.
const { spawnSync } = require('node:child_process');
const { mkdirSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const RECORD = join(__dirname, 'build', 'not-built.txt');

/** npm runs install scripts with its own node-gyp named in npm_config_node_gyp; elsewhere, the one on PATH */
function nodeGyp(args) {
  const own = process.env.npm_config_node_gyp;
  const [cmd, argv] = own ? [process.execPath, [own, ...args]] : ['node-gyp', args];
  // the output is kept to find the reason, then printed, so the install log still has all of it
  const r = spawnSync(cmd, argv, {
    cwd: __dirname,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    shell: !own && process.platform === 'win32',
  });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  return { code: r.error ? null : r.status, output: `${r.stdout ?? ''}\n${r.stderr ?? ''}`, error: r.error };
}

/** The line that names the cause: a compiler error, else node-gyp's own error, else its exit code. */
function reasonOf({ code, output, error }) {
  if (error) return `could not start node-gyp (${error.message})`;
  const lines = output.split('\n').map((l) => l.trim());
  const compiler = lines.find((l) => /\b(fatal )?error:/.test(l) && !l.startsWith('gyp'));
  const gyp = lines
    .find((l) => l.startsWith('gyp ERR! stack Error:'))
    ?.slice('gyp ERR! stack Error:'.length)
    .trim();
  return compiler ?? gyp ?? `node-gyp exited with code ${code}`;
}

rmSync(RECORD, { force: true });
const result = nodeGyp(['rebuild']);
if (result.code !== 0) {
  const reason = reasonOf(result);
  mkdirSync(join(__dirname, 'build'), { recursive: true });
  writeFileSync(RECORD, `${reason}\n`);
  process.stderr.write(
    `\ngradient-workbench-blas was not built (${reason}). It is optional: training runs on wasm without it.\n` +
      'To build it later: install a C compiler, make and python3, then run `npm rebuild gradient-workbench-blas`.\n',
  );
}
