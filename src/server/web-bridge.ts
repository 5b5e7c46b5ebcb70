/**
 * The web bridge (serve mode): the contract over HTTP (POST /api/<method>, JSON envelope) and
 * WebSocket (/api/events, every event as {event, payload}), plus the built renderer. Binds
 * 127.0.0.1 by default. Every request passes the guards in security.ts; the API and the socket
 * also need the session token, which the served page holds as a cookie (see security.ts).
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import type { Service } from '../api/service.ts';
import { handleApi } from './api-route.ts';
import { createEventSocket } from './event-socket.ts';
import { hardenHeaders, sendError } from './replies.ts';
import {
  allowedHosts,
  authorised,
  carriesCookie,
  contentSecurityPolicy,
  isLoopback,
  newToken,
  refusal,
  tokenSetCookie,
} from './security.ts';

export interface BridgeTimeouts {
  /** ms to receive a request's headers (slow-header connections are dropped after it) */
  headersMs: number;
  /** ms to receive a whole request, body included */
  requestMs: number;
  /** ms an idle keep-alive connection stays open */
  keepAliveMs: number;
}

export const DEFAULT_TIMEOUTS: BridgeTimeouts = { headersMs: 10_000, requestMs: 60_000, keepAliveMs: 5_000 };

export interface WebBridgeOptions {
  service: Service;
  host?: string;
  /** 0 = any free port */
  port?: number;
  /** folder of the built renderer (index.html); absent = API only */
  staticDir?: string | null;
  /** the session token; default: a random one per start */
  token?: string;
  timeouts?: Partial<BridgeTimeouts>;
}

export interface WebBridge {
  url: string;
  /** what API clients send as `x-gw-token` (the served page gets it as a cookie) */
  token: string;
  /** the URL a person opens: off loopback it carries `?token=` so the first load sets the cookie */
  openUrl: string;
  close(): Promise<void>;
}

interface Ctx {
  o: WebBridgeOptions;
  token: string;
  port: number;
  loopback: boolean;
  hosts: Set<string>;
  statics: ReturnType<typeof sirv> | null;
}

/** The request target as a URL, or null: only origin-form (`/path?query`) targets are served. */
function parseTarget(target: string | undefined): URL | null {
  if (!target?.startsWith('/')) return null;
  try {
    return new URL(target, 'http://bridge.invalid');
  } catch {
    return null;
  }
}

async function route(c: Ctx, req: IncomingMessage, res: ServerResponse): Promise<void> {
  hardenHeaders(res);
  const refused = refusal(req, c.hosts);
  if (refused) return sendError(res, refused.status, 'unauthorized', refused.message);
  const url = parseTarget(req.url);
  if (!url) return sendError(res, 400, 'invalid_argument', 'malformed request target');
  const authed = authorised(req, url, c.token, c.port);
  if (url.pathname.startsWith('/api/')) {
    if (!authed)
      return sendError(res, 401, 'unauthorized', 'the API needs the session token: open the workbench page first');
    return handleApi(c.o.service, req, res, url.pathname.slice('/api/'.length));
  }
  if (!authed && !c.loopback)
    return sendError(res, 401, 'unauthorized', 'this workbench needs the token printed when it started (?token=…)');
  if (!carriesCookie(req, c.token, c.port)) res.setHeader('set-cookie', tokenSetCookie(c.token, c.port));
  res.setHeader('content-security-policy', contentSecurityPolicy(req.headers.host!.toLowerCase()));
  if (c.statics) return c.statics(req, res, () => sendError(res, 404, 'not_found', 'not found'));
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Gradient Workbench API is running, but the renderer is not built: run `npm run build:renderer`.\n');
}

/** Whatever a handler throws ends as a 500 envelope for that request; the server and its trainings live on. */
function internalError(res: ServerResponse, err: unknown): void {
  process.stderr.write(`web bridge: ${(err as Error)?.stack ?? String(err)}\n`);
  if (res.headersSent) return void res.destroy();
  sendError(res, 500, 'internal', 'internal error in the web bridge');
}

function resolveTimeouts(partial: Partial<BridgeTimeouts> = {}): BridgeTimeouts {
  const t = { ...DEFAULT_TIMEOUTS, ...partial };
  for (const [k, v] of Object.entries(t))
    if (!Number.isInteger(v) || v <= 0) throw new Error(`timeouts.${k}: must be a positive integer of ms`);
  if (t.headersMs > t.requestMs) throw new Error('timeouts.headersMs: must not exceed timeouts.requestMs');
  return t;
}

export async function startWebBridge(o: WebBridgeOptions): Promise<WebBridge> {
  const host = o.host ?? '127.0.0.1';
  const t = resolveTimeouts(o.timeouts);
  const c: Ctx = {
    o,
    token: o.token ?? newToken(),
    port: 0,
    loopback: isLoopback(host),
    hosts: new Set(),
    statics:
      o.staticDir && existsSync(o.staticDir) ? sirv(o.staticDir, { single: true, dev: false, etag: true }) : null,
  };
  const server = createServer(
    {
      headersTimeout: t.headersMs,
      requestTimeout: t.requestMs,
      // Node checks the two timeouts above on this period; its 30 s default lets slow headers linger
      connectionsCheckingInterval: Math.min(1000, t.headersMs),
    },
    (req, res) => void route(c, req, res).catch((err) => internalError(res, err)),
  );
  server.keepAliveTimeout = t.keepAliveMs;
  // small JSON replies: without TCP_NODELAY, loopback answers can wait ~40 ms on delayed ACKs
  server.on('connection', (socket) => socket.setNoDelay(true));
  const events = createEventSocket(o.service, (req) => {
    const refused = refusal(req, c.hosts);
    if (refused) return refused;
    const url = parseTarget(req.url);
    if (url?.pathname !== '/api/events') return { status: 404, message: 'the event socket is /api/events' };
    return authorised(req, url, c.token, c.port) ? null : { status: 401, message: 'the event socket needs the token' };
  });
  server.on('upgrade', (req, socket, head) => {
    try {
      events.handleUpgrade(req, socket, head);
    } catch (err) {
      process.stderr.write(`web bridge: ${(err as Error)?.stack ?? String(err)}\n`);
      socket.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => resolve());
  });
  c.port = (server.address() as AddressInfo).port;
  c.hosts = allowedHosts(host, c.port);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${c.port}/`;
  return {
    url,
    token: c.token,
    openUrl: c.loopback ? url : `${url}?token=${c.token}`,
    close: async () => {
      events.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
