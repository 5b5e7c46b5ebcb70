/**
 * Where the desktop shell finds its parts, from the repository (or packaged app) root. The
 * bundle keeps each module's own import.meta.url (electron/build.ts), so these hold in both.
 */
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** esbuild's output: main.mjs and preload.cjs */
export const DESKTOP_OUT = 'dist/desktop';
export const PRELOAD_PATH = fileURLToPath(new URL(`../${DESKTOP_OUT}/preload.cjs`, import.meta.url));
export const RENDERER_DIST = fileURLToPath(new URL('../renderer/dist/', import.meta.url));
