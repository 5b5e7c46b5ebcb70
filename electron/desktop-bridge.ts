/**
 * The preload's `window.desktop`: the native dialogs, as a pure function of an `ipcRenderer`-like
 * object (tested without Electron). Two fixed channels, a checked argument, and the main process's
 * envelope unwrapped into a value or a rejection; nothing else reaches ipcRenderer.
 */
import type { DataFileKind, DesktopApi } from '../src/api/contract.ts';
import { OPEN_DATABASE_CHANNEL, PICK_DATA_FILE_CHANNEL } from './channels.ts';

export interface InvokerLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
}

/** What main answers on the dialog channels. */
export type DialogReply<T> = { ok: true; value: T } | { ok: false; message: string };

const KINDS: readonly DataFileKind[] = ['images', 'labels'];

async function unwrap<T>(reply: Promise<unknown>): Promise<T> {
  const r = (await reply) as DialogReply<T>;
  if (r.ok) return r.value;
  throw new Error(r.message);
}

export function createDesktopBridge(ipc: InvokerLike): DesktopApi {
  return {
    pickDataFile: (kind) => {
      if (!KINDS.includes(kind))
        return Promise.reject(new Error(`kind: must be images or labels (got ${String(kind)})`));
      return unwrap<string | null>(ipc.invoke(PICK_DATA_FILE_CHANNEL, kind));
    },
    openDatabase: () => unwrap<boolean>(ipc.invoke(OPEN_DATABASE_CHANNEL)),
  };
}
