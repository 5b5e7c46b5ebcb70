/**
 * Who may talk to the web bridge. A browser visits many sites at once, so every request must prove
 * it comes from the page this server served: the Host names this server (no DNS rebinding), no
 * other origin started it (Origin, Sec-Fetch-Site), and it carries the per-session token (header,
 * cookie or query). On loopback the served page sets the token as an HttpOnly cookie; elsewhere the
 * person brings the printed token on the first page load.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';

export const TOKEN_HEADER = 'x-gw-token';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === '[::1]' || host === 'localhost';
}

export const newToken = () => randomBytes(24).toString('base64url');

/** Cookies ignore ports: one name per port keeps two workbenches on one machine apart. */
export const tokenCookie = (port: number) => `gw_token_${port}`;

const bracket = (h: string) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);

/** Every `host:port` a request may name: the bound address, the loopback names, and for a wildcard bind each local address. */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (WILDCARD.has(bindHost)) {
    names.add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(bracket(a.address));
  } else names.add(bracket(bindHost.toLowerCase()));
  const hosts = new Set<string>();
  for (const n of names) {
    hosts.add(`${n}:${port}`);
    if (port === 80) hosts.add(n);
  }
  return hosts;
}

export interface Refusal {
  status: number;
  message: string;
}

/**
 * Why a request must be refused before anything else looks at it, or null. Non-browser clients
 * send neither Origin nor Sec-Fetch-Site and pass on to the token check.
 */
export function refusal(req: IncomingMessage, hosts: Set<string>): Refusal | null {
  const host = (req.headers.host ?? '').toLowerCase();
  // the reply does not list the allowed names: a rebound page can read it, and they include local addresses
  if (!hosts.has(host)) return { status: 403, message: 'host not allowed: open the workbench at the URL it printed' };
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`)
    return { status: 403, message: 'requests from another origin are refused' };
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site')
    return { status: 403, message: 'requests started by another site are refused; open the workbench URL directly' };
  return null;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(req: IncomingMessage, name: string): string | null {
  for (const part of req.headers.cookie?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The tokens a request carries: the header (the web client), the cookie (the served page), `?token=` (first load, sockets). */
export function requestTokens(req: IncomingMessage, url: URL, port: number): string[] {
  const header = req.headers[TOKEN_HEADER];
  return [
    typeof header === 'string' ? header : null,
    cookieValue(req, tokenCookie(port)),
    url.searchParams.get('token'),
  ].filter((t): t is string => !!t);
}

export function authorised(req: IncomingMessage, url: URL, token: string, port: number): boolean {
  return requestTokens(req, url, port).some((t) => same(t, token));
}

/** Whether the request already holds the session cookie (so the reply need not set it again). */
export function carriesCookie(req: IncomingMessage, token: string, port: number): boolean {
  const value = cookieValue(req, tokenCookie(port));
  return !!value && same(value, token);
}

/** The Set-Cookie that lets the served page call the API: HttpOnly (no script reads it), SameSite=Strict. */
export function tokenSetCookie(token: string, port: number): string {
  return `${tokenCookie(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Strict CSP for the renderer: this origin only, its own event socket, no inline script, no remote content. */
export function contentSecurityPolicy(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ws://${host}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
