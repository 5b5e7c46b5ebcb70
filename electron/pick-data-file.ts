/** The native file picker for an IDX file (Design ▸ Browse…). */
import { type BrowserWindow, dialog } from 'electron';
import type { DataFileKind } from '../src/api/contract.ts';

export async function pickDataFile(win: BrowserWindow | null, kind: DataFileKind): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: kind === 'images' ? 'Choose an IDX image file' : 'Choose an IDX label file',
    properties: ['openFile'],
    filters: [
      // MNIST's own names carry no extension (train-images-idx3-ubyte), or .gz
      { name: 'All files', extensions: ['*'] },
      { name: 'Gzipped IDX', extensions: ['gz'] },
    ],
  };
  const pick = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
  return pick.canceled ? null : (pick.filePaths[0] ?? null);
}
