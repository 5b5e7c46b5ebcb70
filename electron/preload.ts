/**
 * The preload: exposes exactly `window.api = { invoke, subscribe }` and the desktop's native
 * dialogs `window.desktop = { pickDataFile, openDatabase }` in the page's world.
 *
 * It runs sandboxed, so it must be one self-contained CommonJS file that requires only
 * `electron`: electron/build.ts bundles it with esbuild and replaces the contract module with
 * its two lists (METHODS, EVENTS), computed from src/api/contract.ts at build time — zod and
 * the schemas stay out of the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { EVENTS, METHODS } from '../src/api/contract.ts';
import { createBridge } from './bridge.ts';
import { createDesktopBridge } from './desktop-bridge.ts';

const api = createBridge(ipcRenderer, { methods: METHODS, events: EVENTS });

// plain functions only: contextBridge copies the object, so the page cannot reach ipcRenderer
contextBridge.exposeInMainWorld('api', {
  invoke: (method: string, input: unknown) => api.invoke(method as never, input as never),
  subscribe: (event: string, cb: (payload: unknown) => void) => api.subscribe(event as never, cb),
});
const desktop = createDesktopBridge(ipcRenderer);
contextBridge.exposeInMainWorld('desktop', {
  pickDataFile: (kind: string) => desktop.pickDataFile(kind as never),
  openDatabase: () => desktop.openDatabase(),
});
