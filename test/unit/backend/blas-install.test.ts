/**
 * The native BLAS tier's install never fails the app's install: native/blas/install.cjs runs node-gyp
 * on a copy of the package, once on a PATH without make or a compiler (it exits 0, leaves no .node and
 * records why, which index.cjs throws), once with the build tools (the addon loads). And the loader
 * tells a missing package from an unbuilt one, because their next steps differ.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explainBlasLoadError } from '../../../src/train/backend/blas.ts';
import { ROOT } from '../../../src/runtime/paths.ts';
import { tempDir } from '../../helpers/cli.ts';

const require = createRequire(import.meta.url);
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The first `name` on this machine's PATH, or null. */
const onPath = (name: string) =>
  (process.env.PATH ?? '')
    .split(delimiter)
    .map((d) => join(d, name))
    .find((f) => existsSync(f)) ?? null;

/** node-gyp as npm hands it to install scripts; headers from Node's own prefix when it ships them (Debian's nodejs does) */
function installEnv(path: string): NodeJS.ProcessEnv {
  const prefix = dirname(dirname(process.execPath));
  const headers = existsSync(join(prefix, 'include/node/node_api.h')) ? { npm_config_nodedir: prefix } : {};
  return {
    HOME: process.env.HOME,
    PATH: path,
    npm_config_node_gyp: require.resolve('node-gyp/bin/node-gyp.js'),
    ...headers,
  };
}

function copyPackage(name: string): string {
  const dir = join(tmp.dir, name);
  cpSync(join(ROOT, 'native/blas'), dir, {
    recursive: true,
    filter: (p) => !p.includes(`${join('native', 'blas', 'build')}`),
  });
  return dir;
}

const install = (dir: string, path: string) =>
  spawnSync(process.execPath, ['install.cjs'], { cwd: dir, env: installEnv(path), encoding: 'utf8' });

describe('native/blas/install.cjs', () => {
  it('without make or a C compiler: exits 0, builds nothing, and records the reason that index.cjs throws', () => {
    const dir = copyPackage('no-compiler');
    // a PATH with node and python3 only: node-gyp configures, then finds no make
    const bin = join(tmp.dir, 'bin-no-compiler');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    // the interpreter itself: a PATH entry may be a shim (pyenv) that needs more of PATH
    const found = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
    const python = found.status === 0 ? found.stdout.trim() : null;
    if (python) symlinkSync(python, join(bin, 'python3'));
    const r = install(dir, bin);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/gradient-workbench-blas was not built \(.+\)\. It is optional/);
    expect(r.stderr).toContain('npm rebuild gradient-workbench-blas');
    expect(existsSync(join(dir, 'build/Release/gw_blas.node'))).toBe(false);
    const reason = readFileSync(join(dir, 'build/not-built.txt'), 'utf8').trim();
    expect(reason).toMatch(python ? /not found: make/ : /Python/);
    let thrown: unknown;
    try {
      require(join(dir, 'index.cjs'));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ code: 'GW_BLAS_NOT_BUILT', message: `not built at install: ${reason}` });
    expect(explainBlasLoadError(thrown)).toEqual({
      ok: false,
      reason: `not built at install: ${reason}`,
      next: expect.stringMatching(
        /build-essential.*then in the workbench's folder: `npm rebuild gradient-workbench-blas`/,
      ),
    });
  }, 60_000);

  const tools = ['cc', 'make', 'python3'].every(onPath);
  it.skipIf(!tools)(
    'with the build tools: builds the addon, which loads, and clears an earlier failure',
    () => {
      const dir = copyPackage('with-compiler');
      mkdirSync(join(dir, 'build'));
      cpSync(join(tmp.dir, 'no-compiler/build/not-built.txt'), join(dir, 'build/not-built.txt'));
      const r = install(dir, process.env.PATH ?? '');
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/was not built/);
      expect(existsSync(join(dir, 'build/not-built.txt'))).toBe(false);
      const addon = require(join(dir, 'index.cjs')) as { info(): { library: string } };
      expect(addon.info().library).toMatch(/OpenBLAS|Accelerate/);
    },
    120_000,
  );
});

describe('explainBlasLoadError: the reason and the next step that works', () => {
  const requireFrom = (dir: string, id: string) => {
    try {
      createRequire(join(dir, 'x.js'))(id);
    } catch (err) {
      return err;
    }
    throw new Error(`${id} loaded`);
  };

  it('a package that is not in node_modules needs `npm install` (npm rebuild would find nothing)', () => {
    const err = requireFrom(tmp.dir, 'gradient-workbench-blas');
    expect(explainBlasLoadError(err)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^not installed: an optional dependency/),
      next: expect.stringMatching(/`npm install` \(without --omit=optional\)/),
    });
  });

  it('a package whose install script never ran (no .node, no record) needs a rebuild', () => {
    const dir = copyPackage('scripts-ignored');
    rmSync(join(dir, 'build'), { recursive: true, force: true });
    const err = requireFrom(dir, './index.cjs');
    expect(explainBlasLoadError(err)).toMatchObject({
      reason: 'installed but not built: its install script did not run (--ignore-scripts?)',
      next: expect.stringContaining('`npm rebuild gradient-workbench-blas`'),
    });
  });
});
