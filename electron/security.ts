/**
 * The desktop shell's security settings, as pure functions and small appliers over the few
 * Electron members they use, so tests assert them without Electron. Electron's checklist:
 * isolation + sandbox, no Node in the page, a strict CSP, no navigation, no new windows, no
 * permissions, no remote content.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { contentSecurityPolicy } from '../src/server/security.ts';
import { APP_SCHEME, isAppUrl } from './channels.ts';

export { isAppUrl };

export interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export const DEFAULT_BOUNDS: Bounds = { width: 1280, height: 820 };

export function windowOptions(preloadPath: string, bounds: Bounds = DEFAULT_BOUNDS): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 880,
    minHeight: 560,
    title: 'Gradient Workbench',
    // shown on 'ready-to-show', so the window never flashes white before the first paint
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}

/**
 * The serve-mode CSP (src/server/security.ts) with `connect-src` narrowed to the app's origin:
 * the desktop renderer talks over IPC, never WebSocket or HTTP.
 */
export function desktopContentSecurityPolicy(): string {
  // the host is irrelevant: connect-src is replaced below
  return contentSecurityPolicy('localhost')
    .split(';')
    .map((d) => d.trim())
    .map((d) => (d.startsWith('connect-src ') ? "connect-src 'self'" : d))
    .join('; ');
}

/** Allow only a move within the app's document (a hash route); everything else is refused. */
export function navigationAllowed(from: string, to: string): boolean {
  if (!isAppUrl(from) || !isAppUrl(to)) return false;
  const a = new URL(from);
  const b = new URL(to);
  return a.pathname === b.pathname && a.search === b.search;
}

/** URL schemes a window may load from: the app, and what the page makes itself. */
export const ALLOWED_SCHEMES = [`${APP_SCHEME}:`, 'data:', 'blob:', 'devtools:'];

export function requestAllowed(url: string): boolean {
  try {
    return ALLOWED_SCHEMES.includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

type Cb<T> = (arg: T) => void;

export interface SessionLike {
  setPermissionRequestHandler(h: (wc: unknown, permission: string, cb: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(h: (...args: unknown[]) => boolean): void;
  webRequest: { onBeforeRequest(h: (details: { url: string }, cb: Cb<{ cancel: boolean }>) => void): void };
}

/** Deny every permission (camera, notifications, …) and every request off the app's schemes. */
export function hardenSession(s: SessionLike): void {
  s.setPermissionRequestHandler((_wc, _permission, cb) => cb(false));
  s.setPermissionCheckHandler(() => false);
  s.webRequest.onBeforeRequest((details, cb) => cb({ cancel: !requestAllowed(details.url) }));
}

export interface WebContentsSecurityLike {
  getURL(): string;
  on(
    event: 'will-navigate' | 'will-redirect',
    h: (e: { preventDefault(): void; url?: string }, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', h: (e: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(h: (details: { url: string }) => { action: 'deny' }): void;
}

/** No navigation away from the app, no redirects off it, no new windows, no webviews. */
export function hardenContents(wc: WebContentsSecurityLike): void {
  const guard = (e: { preventDefault(): void }, url: string) => {
    if (!navigationAllowed(wc.getURL(), url)) e.preventDefault();
  };
  wc.on('will-navigate', guard);
  wc.on('will-redirect', guard);
  wc.on('will-attach-webview', (e) => e.preventDefault());
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
}
