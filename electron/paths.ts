/**
 * Where the desktop shell finds its parts, from the repository (or packaged app) root. The root
 * comes from src/runtime/paths.ts, which holds both from source and inside dist/desktop/main.mjs.
 */
import { join } from 'node:path';
import { ROOT } from '../src/runtime/paths.ts';

export { ROOT };
/** esbuild's output: main.mjs, preload.cjs, the worker bundles and the CLI (electron/build.ts) */
export const DESKTOP_OUT = 'dist/desktop';
export const PRELOAD_PATH = join(ROOT, DESKTOP_OUT, 'preload.cjs');
export const RENDERER_DIST = join(ROOT, 'renderer/dist/');
