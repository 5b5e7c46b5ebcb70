/**
 * File ▸ Open database… (and Settings' button): pick a file, confirm cancelling running runs, reopen
 * the service on it. True when another database was opened.
 */
import { type BrowserWindow, dialog } from 'electron';
import type { ServiceHost } from './service-host.ts';
import { explainOpenError, openNotesText } from './startup.ts';

export async function openDatabaseFromMenu(
  host: ServiceHost,
  win: BrowserWindow | null,
  reloadAll: () => void,
): Promise<boolean> {
  const pick = await (win ? dialog.showOpenDialog(win, OPEN_OPTIONS) : dialog.showOpenDialog(OPEN_OPTIONS));
  const file = pick.canceled ? undefined : pick.filePaths[0];
  if (!file || file === host.dbPath) return false;
  if (host.busy > 0) {
    const answer = await dialog.showMessageBox({
      type: 'warning',
      message: `${host.busy} run(s) are queued or running.`,
      detail: 'Opening another database cancels them; the epochs they finished stay stored.',
      buttons: ['Cancel the runs and open', 'Keep working'],
      defaultId: 1,
      cancelId: 1,
    });
    if (answer.response !== 0) return false;
  }
  try {
    const notes = openNotesText(await host.open(file));
    reloadAll();
    if (notes) void dialog.showMessageBox({ type: 'info', message: 'Database opened', detail: notes });
    return true;
  } catch (err) {
    dialog.showErrorBox('Could not open the database', explainOpenError(err, file));
    return false;
  }
}

const OPEN_OPTIONS: Electron.OpenDialogOptions = {
  title: 'Open database',
  properties: ['openFile'],
  filters: [
    { name: 'Gradient Workbench database', extensions: ['db', 'sqlite', 'sqlite3'] },
    { name: 'All files', extensions: ['*'] },
  ],
};
