/** One app per user data folder: a second launch focuses the first one's window and exits. */
import type { App, BrowserWindow } from 'electron';

/** False when another instance holds the lock (the caller then quits). */
export function enforceSingleInstance(app: App, mainWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const win = mainWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  return true;
}
