/** Packaging: electron-builder.yml validates, names what the build produces (asar on, no tsx), icons exist; start's Electron check. */
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../electron/binary.ts';
import { buildDesktop } from '../../electron/build.ts';
import { ROOT } from '../../electron/paths.ts';
import { tempDir } from '../helpers/cli.ts';
import { loadBlas } from '../../src/train/backend/blas.ts';
import { BLAS, probeBlasFrom, REPORTS_TIER } from './native-tier-probe.ts';
import { run, runScenario } from './scenario-runner.ts';

const realpathOrNull = (p: string) => (existsSync(p) ? realpathSync(p) : null);

const require = createRequire(import.meta.url);
const builderConfig = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(dir: string, file: string, extra: null): Promise<Record<string, any>>;
  validateConfiguration(c: unknown, log: { isEnabled: boolean; add(): void }): Promise<void>;
};
const quiet = { isEnabled: false, add() {} };
/** electron-builder's own asar library (a dependency of it) */
const asar = require('@electron/asar') as {
  listPackage(archive: string, o: { isPack: boolean }): string[];
  extractFile(archive: string, file: string): Buffer;
  extractAll(archive: string, dest: string): void;
};

const pngSize = (file: string) => {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
};

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation and names the app", async () => {
    const c = await builderConfig.getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
    await builderConfig.validateConfiguration(c, quiet);
    expect(c).toMatchObject({
      appId: 'org.gradientworkbench.app',
      productName: 'Gradient Workbench',
      directories: { output: 'release', buildResources: 'build' },
    });
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.win.target).toEqual(['nsis']);
    expect(c.mac.target).toEqual(['dmg']);
    expect(c.npmRebuild).toBe(true);
  });

  it('ships the compiled build, the renderer, migrations and examples (no sources); main is the bundle', async () => {
    const c = await builderConfig.getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
    const files = c.files.flatMap((f: { filter?: string[] } | string) =>
      typeof f === 'string' ? [f] : (f.filter ?? []),
    );
    expect(files).toEqual(
      expect.arrayContaining(['dist/desktop/**', 'renderer/dist/**', 'migrations/**', 'examples/**', 'package.json']),
    );
    expect(files.filter((f: string) => f.startsWith('src'))).toEqual([]);
    expect(c.extraMetadata.main).toBe('dist/desktop/main.mjs');
  });

  it('packs into an asar archive, unpacking the workers, their .wasm and native addons', async () => {
    const c = await builderConfig.getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
    expect(c.asar).toBe(true);
    expect(c.asarUnpack).toEqual([
      'dist/desktop/*-worker.mjs',
      'dist/desktop/*.wasm',
      '**/*.node',
      'node_modules/gradient-workbench-blas/**',
    ]);
  });

  it('tsx is a dev dependency only: the packaged app never loads it', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.devDependencies.tsx).toBeDefined();
  });

  it('rejects a misspelt option (so the validation above means something)', async () => {
    await expect(
      builderConfig.validateConfiguration({ productName: 'x', linux: { targett: 'deb' } }, quiet),
    ).rejects.toThrow(/Invalid configuration/);
  });

  it('icons: a 512×512 PNG, an ICO and an ICNS', () => {
    expect(pngSize(join(ROOT, 'build/icon.png'))).toEqual({ width: 512, height: 512 });
    const ico = readFileSync(join(ROOT, 'build/icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(4);
    const icns = readFileSync(join(ROOT, 'build/icon.icns'));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });

  it('native modules are rebuilt for Electron at packaging time, never at install', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(JSON.stringify(pkg.scripts)).not.toMatch(/install-app-deps|electron-rebuild/);
    expect(pkg.scripts.postinstall).toBeUndefined();
    expect(pkg.allowScripts?.electron).toBeUndefined();
  });
});

describe("start's Electron check", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const pkg = join(tmp.dir, 'node_modules', 'electron');

  it('finds no binary when the download was skipped (no path.txt), without trying to download', () => {
    mkdirSync(pkg, { recursive: true });
    expect(electronBinary(tmp.dir, {})).toBeNull();
  });

  it('finds no binary when path.txt names a file that is missing', () => {
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    expect(electronBinary(tmp.dir, {})).toBeNull();
  });

  it('finds the binary under dist/, or under ELECTRON_OVERRIDE_DIST_PATH', () => {
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    expect(electronBinary(tmp.dir, {})).toBe(join(pkg, 'dist', 'electron'));
    const other = join(tmp.dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'electron'), '');
    expect(electronBinary(tmp.dir, { ELECTRON_OVERRIDE_DIST_PATH: other })).toBe(join(other, 'electron'));
  });
});

/**
 * electron-builder for real, offline: a stand-in Electron distribution (electronDist), no native
 * rebuild, the `dir` target. Plain Node cannot read inside app.asar as Electron does, so the test
 * unpacks the archive into a folder of the same name and runs the packaged main from there under
 * the stand-in electron module: the workers still start from the real app.asar.unpacked, where
 * there is no tsx, no source and no node_modules — so the file lists are proven complete.
 */
describe.skipIf(process.platform !== 'linux')(
  'the packaged app (linux-unpacked, with a stand-in Electron; Linux only)',
  () => {
    const tmp = tempDir();
    afterAll(() => tmp.cleanup());

    it('packs an asar without sources or tsx; its main serves the page, trains on compiled workers, diagnoses', async () => {
      await buildDesktop();
      const fakeDist = join(tmp.dir, 'electron-dist');
      mkdirSync(join(fakeDist, 'resources'), { recursive: true });
      writeFileSync(join(fakeDist, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
      const out = join(tmp.dir, 'release');
      const pack = await run(process.execPath, [
        require.resolve('electron-builder/cli.js'),
        ...['--config', 'electron-builder.yml', '--linux', 'dir', '--x64', '--publish', 'never'],
        ...['-c.npmRebuild=false', `-c.electronDist=${fakeDist}`, `-c.directories.output=${out}`],
      ]);
      expect(pack.code, pack.output).toBe(0);
      const resources = join(out, 'linux-unpacked', 'resources');
      const archive = join(resources, 'app.asar');
      expect(existsSync(join(resources, 'app'))).toBe(false);

      const listed = asar.listPackage(archive, { isPack: false }).map((p) => p.replaceAll('\\', '/'));
      expect(listed).toEqual(expect.arrayContaining(['/dist/desktop/main.mjs', '/dist/desktop/preload.cjs']));
      const own = listed.filter((p) => !p.startsWith('/node_modules/'));
      expect(own.filter((p) => p.startsWith('/src') || /\.(ts|map)$/.test(p))).toEqual([]);
      expect(listed.filter((p) => p.startsWith('/node_modules/tsx'))).toEqual([]);
      const pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
      expect(pkg.main).toBe('dist/desktop/main.mjs');
      expect(pkg.dependencies.tsx).toBeUndefined();

      const unpacked = join(resources, 'app.asar.unpacked');
      for (const f of ['trainer-worker.mjs', 'diagnose-worker.mjs', 'tfjs-backend-wasm.wasm'])
        expect(existsSync(join(unpacked, 'dist/desktop', f)), f).toBe(true);
      expect(existsSync(join(unpacked, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
      expect(existsSync(join(unpacked, 'node_modules'))).toBe(true);
      expect(existsSync(join(unpacked, 'node_modules/@tensorflow'))).toBe(false);
      // the native tier, where it is installed here: entry, package.json and addon, none of its sources
      const blas = realpathOrNull(join(ROOT, 'node_modules', BLAS));
      if (blas) {
        const shipped = listed
          .filter((p) => p.startsWith(`/node_modules/${BLAS}/`))
          .map((p) => p.slice(BLAS.length + 15));
        const addon = existsSync(join(blas, 'build/Release/gw_blas.node')) ? ['build/Release/gw_blas.node'] : [];
        expect(shipped.filter((p) => /\.\w+$/.test(p)).sort()).toEqual(['index.cjs', 'package.json', ...addon].sort());
        for (const f of ['index.cjs', 'package.json', ...addon])
          expect(existsSync(join(unpacked, 'node_modules', BLAS, f)), f).toBe(true);
        // required from where the workers run, by the loader as bundled, it finds what the source finds
        const fromSource = loadBlas();
        expect(await probeBlasFrom(unpacked)).toEqual(
          fromSource.ok
            ? { ok: true, library: fromSource.info.library }
            : { ok: false, reason: fromSource.reason, next: fromSource.next },
        );
        rmSync(join(unpacked, 'dist/desktop/blas-probe.mjs'));
      }

      const app = join(tmp.dir, 'app.asar');
      asar.extractAll(archive, app);
      renameSync(archive, join(tmp.dir, 'app.asar.file'));
      renameSync(app, archive);
      // extractAll copied the unpacked files in too: drop them, so only app.asar.unpacked can serve them
      for (const f of [
        'trainer-worker.mjs',
        'diagnose-worker.mjs',
        'tfjs-backend-wasm.wasm',
        'tfjs-backend-wasm-simd.wasm',
      ])
        rmSync(join(archive, 'dist/desktop', f));
      const r = await runScenario(join(archive, 'dist/desktop/main.mjs'), tmp.dir);
      expect(r.errors).toEqual([]);
      expect(r.webPreferences.preload).toBe(join(archive, 'dist/desktop/preload.cjs'));
      if (existsSync(join(ROOT, 'renderer/dist/index.html')))
        expect(r.index).toMatchObject({ status: 200, hasApp: true });
      expect(r.presets).toBeGreaterThan(0);
      expect(r.run.finished).toMatchObject({ status: 'completed' });
      expect(r.diagnosis).toEqual(expect.arrayContaining([{ name: 'cpu', available: true }]));
      if (REPORTS_TIER) {
        // the packaged trainer worker trains with the tier where the addon loads here, else says why not
        const fromSource = loadBlas();
        expect(r.run.backend.nativeTier).toMatchObject(
          fromSource.ok ? { on: true } : { on: false, reason: fromSource.reason },
        );
      }
      expect(r.tfjsInMainThread).toBe(false);
      // electron-builder packs for real (about 100 s on a busy 2-core machine): a generous limit of its own
    }, 300_000);
  },
);
