/**
 * The application menu, as a pure template over the actions it triggers (so tests click it
 * without Electron). Views are hash routes of the renderer (renderer/src/router.ts).
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  /** show a renderer view, e.g. '#/design' */
  navigate(hash: string): void;
  openDatabase(): void;
  quit(): void;
}

export const ROUTES = { newExperiment: '#/design', export: '#/history', diagnostics: '#/settings' } as const;

export function menuTemplate(
  a: MenuActions,
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      {
        id: 'new-experiment',
        label: 'New experiment',
        accelerator: 'CmdOrCtrl+N',
        click: () => a.navigate(ROUTES.newExperiment),
      },
      { id: 'open-database', label: 'Open database…', accelerator: 'CmdOrCtrl+O', click: () => a.openDatabase() },
      { id: 'export', label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => a.navigate(ROUTES.export) },
      { type: 'separator' },
      mac ? { role: 'close' } : { id: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => a.quit() },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'reload' },
      { role: 'toggleDevTools' },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    submenu: [{ id: 'diagnostics', label: 'Diagnostics', click: () => a.navigate(ROUTES.diagnostics) }],
  };
  const appMenu: MenuItemConstructorOptions = {
    label: 'Gradient Workbench',
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { id: 'quit', label: 'Quit Gradient Workbench', accelerator: 'Cmd+Q', click: () => a.quit() },
    ],
  };
  return [...(mac ? [appMenu] : []), file, { role: 'editMenu' }, view, help];
}

/** The script that moves the page to a view: only the fixed routes above, never page input. */
export function navigateScript(hash: string): string {
  if (!Object.values(ROUTES).includes(hash as never)) throw new Error(`not a menu route: ${hash}`);
  return `location.hash = ${JSON.stringify(hash)}`;
}
