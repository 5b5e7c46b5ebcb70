/**
 * Builds the desktop shell with esbuild (`npm run build:electron`, run through tsx):
 *
 * - dist/desktop/main.mjs — electron/main.ts and the src/ modules it uses, one ESM file; npm
 *   packages stay external (node_modules ships with the app; better-sqlite3 is native). Each
 *   bundled module keeps its own import.meta.url, so `new URL('../../package.json',
 *   import.meta.url)` and the worker's `./worker-entry.mjs` still name the files beside the
 *   source, and the trainer worker keeps running TypeScript through tsx as in the CLI.
 *   tfjs may not enter (the service diagnoses backends in a worker); an @tensorflow import
 *   fails the build.
 * - dist/desktop/preload.cjs — the sandboxed preload: CommonJS, self-contained, requiring only
 *   `electron`; the contract module is replaced by its METHODS and EVENTS lists.
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EVENTS, METHODS } from '../src/api/contract.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const at = (p: string) => join(ROOT, p);
const CONTRACT = at('src/api/contract.ts');
/** Chromium of Electron 45 and its Node (22.x or later) */
const TARGETS = { main: 'node22', preload: 'chrome130' };

const posix = (p: string) => p.split(sep).join('/');
const own = (p: string) => p.startsWith(ROOT) && !p.includes(`${sep}node_modules${sep}`);

/** Each own module's import.meta.url becomes its source file's URL, computed from the bundle's. */
function keepImportMetaUrl(outDir: string): Plugin {
  const toRoot = posix(relative(outDir, ROOT)) || '.';
  return {
    name: 'keep-import-meta-url',
    setup(b) {
      b.initialOptions.banner = {
        js: `const __gwRoot = new URL(${JSON.stringify(`${toRoot}/`)}, import.meta.url);\nconst __gwUrl = (p) => new URL(p, __gwRoot).href;`,
      };
      b.onLoad({ filter: /\.(ts|mjs|js)$/ }, async (args) => {
        if (!own(args.path)) return undefined;
        const text = await readFile(args.path, 'utf8');
        const url = `__gwUrl(${JSON.stringify(posix(relative(ROOT, args.path)))})`;
        return { contents: text.replaceAll('import.meta.url', url), loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
      });
    },
  };
}

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

export interface DesktopBuild {
  outDir: string;
  main: string;
  preload: string;
  metafiles: { main: Metafile; preload: Metafile };
}

export async function buildDesktop(o: { outDir?: string } = {}): Promise<DesktopBuild> {
  const outDir = resolve(o.outDir ?? at('dist/desktop'));
  const common = {
    bundle: true,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  } as const;
  const [main, preload] = await Promise.all([
    build({
      ...common,
      entryPoints: [at('electron/main.ts')],
      outfile: join(outDir, 'main.mjs'),
      platform: 'node',
      format: 'esm',
      target: TARGETS.main,
      packages: 'external',
      plugins: [tfjsStaysInWorkers, keepImportMetaUrl(outDir)],
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
  ]);
  return {
    outDir,
    main: join(outDir, 'main.mjs'),
    preload: join(outDir, 'preload.cjs'),
    metafiles: { main: main.metafile!, preload: preload.metafile! },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = await buildDesktop();
  process.stdout.write(`built ${relative(ROOT, out.main)} and ${relative(ROOT, out.preload)}\n`);
}
