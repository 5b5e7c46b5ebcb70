/**
 * The main side of `window.desktop`: binds the dialog channels to actions that open native dialogs.
 * Takes an `IpcMainLike` so it is tested without Electron. The page is not trusted: only the app's
 * own origin may ask, and `kind` is checked here again.
 */
import type { DataFileKind } from '../src/api/contract.ts';
import { OPEN_DATABASE_CHANNEL, PICK_DATA_FILE_CHANNEL } from './channels.ts';
import type { DialogReply } from './desktop-bridge.ts';
import { type InvokeEventLike, type IpcMainLike, isTrustedSender } from './ipc-adapter.ts';

export interface DialogActions {
  /** the chosen file's path, or null when cancelled */
  pickDataFile(kind: DataFileKind): Promise<string | null>;
  /** true when another database was opened (the windows then reload) */
  openDatabase(): Promise<boolean>;
}

export function bindDesktopDialogs(
  ipcMain: IpcMainLike,
  actions: DialogActions,
  trust: (event: InvokeEventLike) => boolean = isTrustedSender,
): () => void {
  const guarded =
    <T>(run: (...args: unknown[]) => Promise<T>) =>
    async (event: InvokeEventLike, ...args: unknown[]): Promise<DialogReply<T>> => {
      if (!trust(event)) return { ok: false, message: 'this page may not open dialogs' };
      try {
        return { ok: true, value: await run(...args) };
      } catch (err) {
        return { ok: false, message: err instanceof Error ? err.message : String(err) };
      }
    };
  ipcMain.handle(
    PICK_DATA_FILE_CHANNEL,
    guarded((kind) => {
      if (kind !== 'images' && kind !== 'labels')
        return Promise.reject(new Error(`kind: must be images or labels (got ${String(kind)})`));
      return actions.pickDataFile(kind);
    }),
  );
  ipcMain.handle(
    OPEN_DATABASE_CHANNEL,
    guarded(() => actions.openDatabase()),
  );
  return () => [PICK_DATA_FILE_CHANNEL, OPEN_DATABASE_CHANNEL].forEach((c) => ipcMain.removeHandler(c));
}
