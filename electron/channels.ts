/**
 * The IPC channel names shared by the main process and the preload. No imports: the sandboxed
 * preload bundle inlines this file.
 */
export const INVOKE_CHANNEL = 'gw:invoke';
export const EVENT_CHANNEL = 'gw:event';
/** the desktop-only native dialogs (window.desktop): a file picker for IDX data, File ▸ Open database… */
export const PICK_DATA_FILE_CHANNEL = 'gw:pick-data-file';
export const OPEN_DATABASE_CHANNEL = 'gw:open-database';

/** What main sends on EVENT_CHANNEL: one contract event and its payload object. */
export interface EventMessage {
  event: string;
  payload: unknown;
}

/** The app's own origin (a custom protocol serving renderer/dist); nothing else is trusted. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Whether a URL belongs to the app. Compares scheme and host, not `origin`: WHATWG URL (Node)
 * reports origin "null" for schemes it does not know, although Chromium treats app:// as standard.
 */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}
