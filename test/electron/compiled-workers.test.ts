/**
 * The compiled JavaScript (electron/build.ts) stands on its own: in a folder laid out like an
 * installed app, with no tsx, no src/ and of node_modules only the native better-sqlite3, the
 * CLI bundle trains a run on its compiled trainer worker and stores every epoch.
 */
import { build } from 'esbuild';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesktop, importMetaAtBundleDepth, NATIVE, type DesktopBuild } from '../../electron/build.ts';
import { nativeTierOf } from '../../src/domain/native-tier.ts';
import { BLAS, probeBlasFrom, REPORTS_TIER } from './native-tier-probe.ts';
import { loadBlas } from '../../src/train/backend/blas.ts';
import { BUNDLED, ROOT, unpackedPath, wasmFolder, workerStart } from '../../src/runtime/paths.ts';
import { openStore } from '../../src/store/index.ts';
import { run } from './scenario-runner.ts';
import { tempDir } from '../helpers/cli.ts';

describe('src/runtime/paths.ts from source', () => {
  it('starts each worker through the tsx bootstrap, naming its TypeScript entry', () => {
    expect(BUNDLED).toBe(false);
    for (const [name, entry] of [
      ['trainer', 'src/train/worker.ts'],
      ['diagnose', 'src/train/backend/diagnose-worker.ts'],
    ] as const) {
      const start = workerStart(name);
      expect(start).toEqual({ file: join(ROOT, 'src/runtime/tsx-worker.mjs'), argv: [join(ROOT, entry)] });
      expect(existsSync(start.file) && existsSync(start.argv[0]!)).toBe(true);
    }
    expect(existsSync(join(wasmFolder(), 'tfjs-backend-wasm.wasm'))).toBe(true);
  });

  it('maps a path inside app.asar to app.asar.unpacked, and leaves every other path alone', () => {
    expect(unpackedPath('/opt/GW/resources/app.asar/dist/desktop/trainer-worker.mjs')).toBe(
      '/opt/GW/resources/app.asar.unpacked/dist/desktop/trainer-worker.mjs',
    );
    expect(unpackedPath('C:\\GW\\resources\\app.asar\\dist\\desktop\\')).toBe(
      'C:\\GW\\resources\\app.asar.unpacked\\dist\\desktop\\',
    );
    for (const p of ['/opt/GW/resources/app.asar.unpacked/dist/x.mjs', '/home/me/app.asarx/dist/x.mjs', '/src/x.mjs'])
      expect(unpackedPath(p)).toBe(p);
  });
});

describe('the build', () => {
  it('refuses a module that uses import.meta away from two folders below the root', async () => {
    const bundle = (entry: string) =>
      build({
        entryPoints: [join(ROOT, entry)],
        bundle: true,
        write: false,
        platform: 'node',
        format: 'esm',
        packages: 'external',
        logLevel: 'silent',
        plugins: [importMetaAtBundleDepth],
      });
    await expect(bundle('test/electron/fixtures/deep/meta-too-deep.ts')).rejects.toThrow(
      /test\/electron\/fixtures\/deep\/meta-too-deep\.ts uses import\.meta but is not two folders below the root/,
    );
    await expect(bundle('src/api/presets.ts')).resolves.toMatchObject({ errors: [] });
  });
});

describe('the compiled CLI and trainer worker, without tsx or sources', () => {
  const tmp = tempDir();
  const app = join(tmp.dir, 'app');
  let out: DesktopBuild;
  /** the backend report of the tiny run on the compiled worker */
  let startedBackend: { detail: string } | undefined;
  beforeAll(async () => {
    out = await buildDesktop({ outDir: join(app, 'dist/desktop') });
    mkdirSync(join(app, 'bin'));
    copyFileSync(join(ROOT, 'bin/gradient-workbench.js'), join(app, 'bin/gradient-workbench.js'));
    copyFileSync(join(ROOT, 'package.json'), join(app, 'package.json'));
    cpSync(join(ROOT, 'migrations'), join(app, 'migrations'), { recursive: true });
    mkdirSync(join(app, 'node_modules'));
    for (const pkg of ['better-sqlite3', BLAS])
      symlinkSync(realpathSync(join(ROOT, 'node_modules', pkg)), join(app, 'node_modules', pkg));
  }, 60_000);
  afterAll(() => tmp.cleanup());

  it('bundles every npm package into the workers and the CLI but the native ones, and no tsx anywhere', () => {
    const builtin = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    // required inside try/catch by node-fetch (tfjs), ws and BullMQ's Valkey GLIDE client (the remote
    // queue uses ioredis), which all run without them
    const optional = new Set(['encoding', 'bufferutil', 'utf-8-validate', '@valkey/valkey-glide']);
    const packagesLoadedAtRunTime = Object.fromEntries(
      Object.values(out.metafiles.node.outputs)
        .filter((o) => o.entryPoint)
        .map((o) => [
          o.entryPoint,
          [...new Set(o.imports.filter((x) => x.external).map((x) => x.path))]
            .filter((p) => !builtin.has(p) && !optional.has(p))
            .sort(),
        ]),
    );
    // native.ts imports tfjs-node through a variable: esbuild sees no specifier, and NATIVE keeps it out
    expect(packagesLoadedAtRunTime).toEqual({
      'src/train/worker.ts': [],
      'src/train/backend/diagnose-worker.ts': [],
      'src/cli/main.ts': ['better-sqlite3'],
    });
    expect(NATIVE).toEqual(expect.arrayContaining(['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu']));
    for (const meta of [out.metafiles.main, out.metafiles.node])
      expect(Object.keys(meta.inputs).filter((p) => /tsx|tsx-worker/.test(p))).toEqual([]);
    for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'])
      expect(existsSync(join(out.outDir, f))).toBe(true);
  });

  it('the native tier resolves gradient-workbench-blas from the bundles at run time; absent, it says so and what to do', async () => {
    expect(NATIVE).toContain(BLAS);
    const fromSource = loadBlas();
    const bundled = await probeBlasFrom(app);
    // built here (npm ci with a compiler and libopenblas0): the bundle loads it too; else the same reason
    expect(bundled).toEqual(
      fromSource.ok
        ? { ok: true, library: fromSource.info.library }
        : { ok: false, reason: fromSource.reason, next: fromSource.next },
    );
    const bare = join(tmp.dir, 'app-without-blas');
    mkdirSync(join(bare, 'node_modules'), { recursive: true });
    expect(await probeBlasFrom(bare)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^not installed: an optional dependency/),
      next: expect.stringContaining('`npm install`'),
    });
  }, 60_000);

  it('trains a tiny run on the compiled worker (wasm backend) and stores both epochs', async () => {
    expect(() => createRequire(join(app, 'bin/gradient-workbench.js')).resolve('tsx')).toThrow(/Cannot find module/);
    const spec = join(tmp.dir, 'tiny.json');
    writeFileSync(
      spec,
      JSON.stringify({
        name: 'tiny',
        epochs: 2,
        data: { kind: 'shapes', imageSize: 8, trainCount: 32, valCount: 16 },
        model: { depth: 2, width: 8 },
        tasks: [{ kind: 'cls' }],
      }),
    );
    const db = join(tmp.dir, 'tiny.db');
    const r = await run(process.execPath, [
      join(app, 'bin/gradient-workbench.js'),
      ...['run', spec, '--db', db, '--json', '--backend', 'wasm'],
    ]);
    expect(r.code, r.output).toBe(0);
    const events = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
    // run --json prints the contract's events: { event, payload }
    const started = events.find((e) => e.event === 'run.started')?.payload;
    expect(started?.backend).toMatchObject({ name: 'wasm' });
    expect(events.filter((e) => e.event === 'run.epoch').map((e) => e.payload.record.epoch)).toEqual([1, 2]);
    startedBackend = started!.backend;
    const runId = started!.runId as string;
    const store = openStore(db);
    try {
      expect(store.getRun(runId)).toMatchObject({ status: 'completed', epochsDone: 2 });
      const epochs = store.getEpochs(runId);
      expect(epochs.map((e) => e.epoch)).toEqual([1, 2]);
      expect(epochs[1]!.layers.length).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  }, 60_000);

  it.runIf(REPORTS_TIER)(
    "the compiled trainer worker's report: the native tier on where the addon loads here, else off with the same reason",
    () => {
      const fromSource = loadBlas();
      const tier = nativeTierOf(startedBackend!);
      if (fromSource.ok) {
        expect(tier).toMatchObject({ on: true, reason: null });
        expect(startedBackend!.detail).toContain(fromSource.info.library);
      } else expect(tier).toMatchObject({ on: false, reason: fromSource.reason, next: fromSource.next });
    },
  );

  it('without tsx or the compiled CLI, says what to do and exits 2', async () => {
    const bare = join(tmp.dir, 'bare');
    mkdirSync(join(bare, 'bin'), { recursive: true });
    copyFileSync(join(ROOT, 'bin/gradient-workbench.js'), join(bare, 'bin/gradient-workbench.js'));
    writeFileSync(join(bare, 'package.json'), readFileSync(join(ROOT, 'package.json')));
    const r = await run(process.execPath, [join(bare, 'bin/gradient-workbench.js'), 'list']);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(
      /needs either tsx .*npm install.* or the compiled CLI dist\/desktop\/cli\.mjs .*npm run build:electron/,
    );
  });
});
