/**
 * Builds the app's compiled JavaScript with esbuild (`npm run build:electron`, run through tsx),
 * all into one folder, dist/desktop/, two folders below the root like the src/<area>/ modules
 * (src/runtime/paths.ts explains why that keeps every `import.meta.url` right without rewriting):
 *
 * - main.mjs — electron/main.ts and the src/ modules it uses; npm packages stay external
 *   (node_modules ships with the app; better-sqlite3 is native). tfjs may not enter (the service
 *   diagnoses backends in a worker); an @tensorflow import fails the build.
 * - preload.cjs — the sandboxed preload: CommonJS, self-contained, requiring only `electron`;
 *   the contract module is replaced by its METHODS and EVENTS lists.
 * - trainer-worker.mjs, diagnose-worker.mjs, cli.mjs — the workers and the CLI, self-contained
 *   but for native packages, so a worker started from app.asar.unpacked needs no node_modules;
 *   tfjs-backend-wasm's .wasm binaries are copied beside them (paths.ts, wasmFolder).
 *
 * Every bundle gets `__GW_BUNDLE__ = true` through `define`: that is how paths.ts knows to start
 * the compiled workers rather than the TypeScript ones.
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EVENTS, METHODS } from '../src/api/contract.ts';
import { WORKERS, wasmFolder } from '../src/runtime/paths.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const at = (p: string) => join(ROOT, p);
const CONTRACT = at('src/api/contract.ts');
/** Chromium of Electron 45 and its Node (22.x or later); the CLI and workers also run on Node 20 */
const TARGETS = { main: 'node22', preload: 'chrome130', node: 'node20' };
/**
 * Native addons (and ws's optional native helpers) load from node_modules at run time, never bundled.
 * gradient-workbench-blas is required through paths.ts (requireNative), which esbuild does not follow;
 * named here too, so a plain import of it could not pull its .node into a bundle either.
 */
export const NATIVE = [
  'better-sqlite3',
  'gradient-workbench-blas',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  'bufferutil',
  'utf-8-validate',
];

const own = (p: string) => p.startsWith(ROOT) && !p.includes(`${sep}node_modules${sep}`);

/**
 * An own module that uses import.meta must sit two folders below the root, as the bundles do, or
 * its relative URLs would name other files once bundled: fail the build rather than ship that.
 */
export const importMetaAtBundleDepth: Plugin = {
  name: 'import-meta-at-bundle-depth',
  setup(b) {
    b.onLoad({ filter: /\.(ts|mjs|js)$/ }, async (args) => {
      if (!own(args.path) || relative(ROOT, args.path).split(sep).length === 3) return undefined;
      if (!/\bimport\.meta\b/.test(await readFile(args.path, 'utf8'))) return undefined;
      const where = relative(ROOT, args.path);
      return { errors: [{ text: `${where} uses import.meta but is not two folders below the root (src/<area>/)` }] };
    });
  },
};

/** The main process never loads tfjs: training and backend diagnosis happen in workers. */
const tfjsStaysInWorkers: Plugin = {
  name: 'tfjs-stays-in-workers',
  setup(b) {
    b.onResolve({ filter: /^@tensorflow\// }, (args) => ({
      errors: [
        {
          text: `${args.path} imported by ${relative(ROOT, args.importer)}: the Electron main process must not load tfjs`,
        },
      ],
    }));
  },
};

/** The preload gets the contract's two allow-lists, not zod and the schemas. */
const contractLists: Plugin = {
  name: 'contract-lists',
  setup(b) {
    b.onResolve({ filter: /contract\.ts$/ }, (args) =>
      resolve(args.resolveDir, args.path) === CONTRACT ? { path: CONTRACT, namespace: 'gw-contract' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'gw-contract' }, () => ({
      contents: `export const METHODS = ${JSON.stringify(METHODS)};\nexport const EVENTS = ${JSON.stringify(EVENTS)};\n`,
      loader: 'js',
    }));
  },
};

/**
 * Bundled CommonJS packages call require() for Node's built-ins and read __dirname (the wasm
 * backend's emscripten glue does), which an ES module lacks: define them as CommonJS would.
 */
export const COMMONJS_BANNER = [
  "import { createRequire as __gwCreateRequire } from 'node:module';",
  "import { dirname as __gwDirname } from 'node:path';",
  "import { fileURLToPath as __gwFileURLToPath } from 'node:url';",
  'const require = __gwCreateRequire(import.meta.url);',
  'const __filename = __gwFileURLToPath(import.meta.url);',
  'const __dirname = __gwDirname(__filename);',
].join('\n');

/** The wasm backend's binaries go beside the worker bundles, where paths.ts (wasmFolder) looks. */
async function copyWasmBinaries(outDir: string): Promise<void> {
  const from = wasmFolder();
  for (const f of (await readdir(from)).filter((n) => n.endsWith('.wasm')))
    await copyFile(join(from, f), join(outDir, f));
}

export interface DesktopBuild {
  outDir: string;
  main: string;
  preload: string;
  cli: string;
  workers: { trainer: string; diagnose: string };
  metafiles: { main: Metafile; preload: Metafile; node: Metafile };
}

export async function buildDesktop(o: { outDir?: string } = {}): Promise<DesktopBuild> {
  const outDir = resolve(o.outDir ?? at('dist/desktop'));
  const common = {
    bundle: true,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    define: { __GW_BUNDLE__: 'true' },
  } as const;
  const [main, preload, node] = await Promise.all([
    build({
      ...common,
      entryPoints: [at('electron/main.ts')],
      outfile: join(outDir, 'main.mjs'),
      platform: 'node',
      format: 'esm',
      target: TARGETS.main,
      packages: 'external',
      plugins: [tfjsStaysInWorkers, importMetaAtBundleDepth],
    }),
    build({
      ...common,
      entryPoints: [at('electron/preload.ts')],
      outfile: join(outDir, 'preload.cjs'),
      platform: 'browser',
      format: 'cjs',
      target: TARGETS.preload,
      external: ['electron'],
      plugins: [contractLists],
    }),
    build({
      ...common,
      entryPoints: {
        [WORKERS.trainer.bundle.replace(/\.mjs$/, '')]: at(WORKERS.trainer.source),
        [WORKERS.diagnose.bundle.replace(/\.mjs$/, '')]: at(WORKERS.diagnose.source),
        cli: at('src/cli/main.ts'),
      },
      outdir: outDir,
      outExtension: { '.js': '.mjs' },
      platform: 'node',
      format: 'esm',
      target: TARGETS.node,
      external: NATIVE,
      banner: { js: COMMONJS_BANNER },
      // tfjs's `sideEffects` lists name only its ES builds, but Node resolves the CommonJS ones, so
      // honouring it would drop `import '@tensorflow/tfjs-backend-cpu'` (the cpu backend) entirely
      ignoreAnnotations: true,
      plugins: [importMetaAtBundleDepth],
    }),
  ]);
  await copyWasmBinaries(outDir);
  return {
    outDir,
    main: join(outDir, 'main.mjs'),
    preload: join(outDir, 'preload.cjs'),
    cli: join(outDir, 'cli.mjs'),
    workers: { trainer: join(outDir, WORKERS.trainer.bundle), diagnose: join(outDir, WORKERS.diagnose.bundle) },
    metafiles: { main: main.metafile!, preload: preload.metafile!, node: node.metafile! },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = await buildDesktop();
  process.stdout.write(`built ${relative(ROOT, out.outDir)}/: main.mjs, preload.cjs, cli.mjs and the workers\n`);
}
