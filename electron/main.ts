/**
 * The Electron main process: a thin shell (DESIGN.md). It serves the built renderer on app://,
 * binds the contract to ipcMain through one Service, and owns the window and the menu. All logic
 * lives under src/; training runs in worker threads, so this process never loads tfjs.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDatabasePath } from '../src/store/index.ts';
import { APP_SCHEME_PRIVILEGES, serveAppProtocol } from './app-protocol.ts';
import { bindDesktopDialogs } from './desktop-dialogs.ts';
import { menuTemplate, navigateScript } from './menu.ts';
import { openDatabaseFromMenu } from './open-database.ts';
import { PRELOAD_PATH, RENDERER_DIST, ROOT } from './paths.ts';
import { pickDataFile } from './pick-data-file.ts';
import { hardenSession } from './security.ts';
import { ServiceHost } from './service-host.ts';
import { enforceSingleInstance } from './single-instance.ts';
import { dbFromArgv, explainOpenError, openNotesText } from './startup.ts';
import { createMainWindow } from './window.ts';

// `electron dist/desktop/main.mjs` finds no package.json name: set what packaging would (productName)
app.setName('Gradient Workbench');
// tests (and anyone wanting a second, separate instance) point userData elsewhere
app.setPath('userData', process.env.GRADIENT_WORKBENCH_USER_DATA || join(app.getPath('appData'), 'Gradient Workbench'));
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let mainWindow: BrowserWindow | null = null;
const windows = () => BrowserWindow.getAllWindows().filter((w) => !w.isDestroyed());
const host = new ServiceHost({ ipcMain, webContentsList: () => windows().map((w) => w.webContents) });

if (enforceSingleInstance(app, () => mainWindow)) void start();
else app.quit();

function openWindow(): BrowserWindow {
  const icon = join(ROOT, 'build', 'icon.png');
  mainWindow = createMainWindow({
    preloadPath: PRELOAD_PATH,
    userData: app.getPath('userData'),
    icon: existsSync(icon) ? icon : undefined,
  });
  mainWindow.on('closed', () => (mainWindow = null));
  return mainWindow;
}

function navigate(hash: string): void {
  const win = BrowserWindow.getFocusedWindow() ?? mainWindow ?? openWindow();
  win.show();
  void win.webContents.executeJavaScript(navigateScript(hash));
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  serveAppProtocol(protocol, RENDERER_DIST, (url) => net.fetch(url));
  const dbPath = dbFromArgv(process.argv) ?? defaultDatabasePath();
  try {
    const notes = openNotesText(await host.open(dbPath));
    if (notes) void dialog.showMessageBox({ type: 'info', message: 'Database opened', detail: notes });
  } catch (err) {
    dialog.showErrorBox('Gradient Workbench cannot start', explainOpenError(err, dbPath));
    app.exit(1);
    return;
  }
  const reloadAll = () => windows().forEach((w) => w.webContents.reload());
  const focused = () => BrowserWindow.getFocusedWindow() ?? mainWindow;
  const openDatabase = () => openDatabaseFromMenu(host, focused(), reloadAll);
  bindDesktopDialogs(ipcMain, { pickDataFile: (kind) => pickDataFile(focused(), kind), openDatabase });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate({ navigate, openDatabase: () => void openDatabase(), quit: () => app.quit() })),
  );
  openWindow();
  app.on('activate', () => windows().length === 0 && openWindow());
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Quit once the service is closed: running runs cancelled (epochs kept), workers joined, db closed.
let closed = false;
let closing = false;
app.on('before-quit', (e) => {
  if (closed) return;
  e.preventDefault();
  if (closing) return;
  closing = true;
  host
    .close()
    .catch((err: unknown) =>
      console.error(`closing the service failed: ${err instanceof Error ? err.message : String(err)}`),
    )
    .finally(() => {
      closed = true;
      app.quit();
    });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
