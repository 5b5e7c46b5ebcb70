/**
 * Where the running code finds its parts, whether it runs from source (vitest, tsx in a checkout)
 * or from the compiled bundles that electron/build.ts writes to dist/desktop/.
 *
 * One rule keeps `import.meta.url` right in both without rewriting any source: every module that
 * locates a file by `new URL('../../…', import.meta.url)` sits two folders below the root
 * (src/<area>/x.ts), and every bundle does too (dist/desktop/x.mjs), so a module's relative path
 * means the same file whether it runs alone or inside a bundle. The build refuses a module that
 * breaks the rule.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Replaced by `true` through esbuild's `define` in every bundle; undeclared when run from source. */
declare const __GW_BUNDLE__: boolean | undefined;

export const BUNDLED = typeof __GW_BUNDLE__ !== 'undefined' && __GW_BUNDLE__;

/** The repository root, or the packaged app's root (resources/app.asar when packaged). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type WorkerName = 'trainer' | 'diagnose';

/** Each worker: its TypeScript entry (from source) and the bundle electron/build.ts compiles it to. */
export const WORKERS: Record<WorkerName, { source: string; bundle: string }> = {
  trainer: { source: 'src/train/worker.ts', bundle: 'trainer-worker.mjs' },
  diagnose: { source: 'src/train/backend/diagnose-worker.ts', bundle: 'diagnose-worker.mjs' },
};

/** Node 20 workers do not inherit the parent's module hooks: from source, this registers tsx first. */
const TSX_BOOTSTRAP = new URL('./tsx-worker.mjs', import.meta.url);

/**
 * Electron reads files inside app.asar through its own fs, but a worker's ES module is safest
 * as a plain file: electron-builder.yml unpacks the worker bundles (and the .wasm beside them) to
 * app.asar.unpacked, and they are started from there.
 */
export function unpackedPath(file: string): string {
  return file.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked');
}

/** The file to hand to `new Worker` and the argv it needs, for running from source or a bundle. */
export function workerStart(name: WorkerName): { file: string; argv: string[] } {
  if (BUNDLED) return { file: unpackedPath(fileURLToPath(new URL(WORKERS[name].bundle, import.meta.url))), argv: [] };
  return { file: fileURLToPath(TSX_BOOTSTRAP), argv: [path.join(ROOT, WORKERS[name].source)] };
}

/**
 * `require` for a native package that loads at run time from node_modules and is never bundled
 * (gradient-workbench-blas, a CommonJS addon). Created here because this module sits where the
 * bundles do: node_modules is found by walking up from the repository's src/runtime/ or the
 * bundle's dist/desktop/ alike; in the packaged app a worker runs from app.asar.unpacked, so the
 * package must be unpacked too (electron-builder.yml). A module deeper in src/ may not use
 * import.meta (electron/build.ts refuses it), so it asks here.
 */
export const requireNative = createRequire(import.meta.url);

/**
 * The folder holding tfjs-backend-wasm's .wasm binaries, with a trailing separator: the
 * package's own dist/ from source; the bundle's folder when bundled (the build copies them there,
 * so a worker started from app.asar.unpacked finds them without node_modules).
 */
export function wasmFolder(): string {
  if (BUNDLED) return unpackedPath(path.dirname(fileURLToPath(import.meta.url))) + path.sep;
  const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  return path.dirname(entry) + path.sep;
}

/**
 * This package's version (package.json at ROOT). Read on demand, never at load: a worker started
 * from app.asar.unpacked has no package.json beside it and must not fail on importing this module.
 */
export function appVersion(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
