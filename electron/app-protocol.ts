/**
 * `app://workbench/…` serves renderer/dist. A custom standard, secure scheme (not file://) gives
 * the page a real origin, so 'self' in the CSP means this app only, ES modules load without
 * file:// CORS quirks, and no other file on disk is reachable. Every response carries the CSP.
 */
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_HOST, APP_SCHEME } from './channels.ts';
import { desktopContentSecurityPolicy } from './security.ts';

/** Privileges for registerSchemesAsPrivileged (call before the app is ready). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

/** The file under `root` a URL names, or null (another host, a path out of root, a bad URL). */
export function resolveAppFile(root: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  // a backslash is a separator on Windows: refuse it everywhere, as NUL
  if (path.includes('\0') || path.includes('\\')) return null;
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  const file = normalize(join(base, path === '/' ? 'index.html' : path));
  return file.startsWith(base) ? file : null;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Headers of every app:// response. */
export function responseHeaders(file: string): Record<string, string> {
  return {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-security-policy': desktopContentSecurityPolicy(),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  };
}

export interface ProtocolLike {
  handle(scheme: string, handler: (req: Request) => Promise<Response> | Response): void;
}

/** `fetchFile` is Electron's net.fetch (which reads file:// URLs). */
export function serveAppProtocol(
  protocol: ProtocolLike,
  root: string,
  fetchFile: (url: string) => Promise<Response>,
): void {
  protocol.handle(APP_SCHEME, async (req) => {
    const file = resolveAppFile(root, req.url);
    if (!file) return new Response('not found', { status: 404 });
    const res = await fetchFile(pathToFileURL(file).toString()).catch(() => null);
    if (!res || !res.ok) return new Response('not found', { status: 404 });
    return new Response(res.body, { status: 200, headers: responseHeaders(file) });
  });
}
