/** Who may talk to the web bridge: loopback by default; elsewhere only with the printed token. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'gw_token';

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || host.startsWith('127.');
}

export const newToken = () => randomBytes(24).toString('base64url');

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token a request carries: `?token=`, the `x-gw-token` header, or the cookie set on first load. */
export function requestToken(req: IncomingMessage): string | null {
  const url = new URL(req.url ?? '/', 'http://x');
  const q = url.searchParams.get('token');
  if (q) return q;
  const h = req.headers['x-gw-token'];
  if (typeof h === 'string') return h;
  const cookie = req.headers.cookie?.split(';').map((c) => c.trim().split('=')) ?? [];
  return cookie.find(([k]) => k === TOKEN_COOKIE)?.[1] ?? null;
}

export function authorised(req: IncomingMessage, token: string | null): boolean {
  if (!token) return true;
  const t = requestToken(req);
  return !!t && same(t, token);
}

/**
 * On loopback, refuse requests whose Host is not loopback (DNS rebinding: a web page on another
 * name resolving to 127.0.0.1 must not reach the API).
 */
export function hostAllowed(req: IncomingMessage, bindHost: string): boolean {
  if (!isLoopback(bindHost)) return true;
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return isLoopback(host);
}

/** Strict CSP for the renderer: only this origin, no inline script, no remote content. */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
