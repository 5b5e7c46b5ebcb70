/**
 * The main window: secure options, remembered bounds, hardened contents, the app's page.
 */
import { BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import { APP_INDEX_URL } from './channels.ts';
import { hardenContents, windowOptions } from './security.ts';
import { readWindowState, restoreState, WINDOW_STATE_FILE, writeWindowState } from './window-state.ts';

export interface MainWindowOptions {
  preloadPath: string;
  userData: string;
  icon?: string;
}

export function createMainWindow(o: MainWindowOptions): BrowserWindow {
  const stateFile = join(o.userData, WINDOW_STATE_FILE);
  const state = restoreState(
    readWindowState(stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({ ...windowOptions(o.preloadPath, state.bounds), ...(o.icon ? { icon: o.icon } : {}) });
  hardenContents(win.webContents);
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  trackState(win, stateFile);
  void win.loadURL(APP_INDEX_URL);
  return win;
}

/** Save the normal (un-maximised) bounds on close, and shortly after each move or resize. */
function trackState(win: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    if (win.isDestroyed()) return;
    try {
      writeWindowState(file, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (err) {
      // losing the window size is not worth an error dialog
      console.warn(`could not save the window state: ${(err as Error).message}`);
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', save);
}
