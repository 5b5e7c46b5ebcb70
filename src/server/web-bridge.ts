/**
 * The web bridge (serve mode): the contract over HTTP (POST /api/<method>, JSON envelope) and
 * WebSocket (/api/events, every event as {event, payload}), plus the built renderer. Binds
 * 127.0.0.1 by default; bound elsewhere, every request needs the token printed at start.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENTS } from '../api/contract.ts';
import type { Service } from '../api/service.ts';
import { authorised, contentSecurityPolicy, hostAllowed, isLoopback, newToken, TOKEN_COOKIE } from './security.ts';

export interface WebBridgeOptions {
  service: Service;
  host?: string;
  /** 0 = any free port */
  port?: number;
  /** folder of the built renderer (index.html); absent = API only */
  staticDir?: string | null;
  /** force a token even on loopback (tests) */
  token?: string | null;
}

export interface WebBridge {
  url: string;
  token: string | null;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024 * 1024;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new Error(`request body over ${MAX_BODY} bytes`);
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

async function handleApi(
  o: WebBridgeOptions,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
): Promise<void> {
  if (req.method !== 'POST')
    return send(res, 405, { ok: false, error: { code: 'invalid_argument', message: 'use POST with a JSON body' } });
  let input: unknown;
  try {
    input = await readBody(req);
  } catch (err) {
    return send(res, 400, {
      ok: false,
      error: { code: 'invalid_argument', message: `bad request body: ${(err as Error).message}` },
    });
  }
  send(res, 200, await o.service.handle(method, input));
}

export async function startWebBridge(o: WebBridgeOptions): Promise<WebBridge> {
  const host = o.host ?? '127.0.0.1';
  const token = o.token !== undefined ? o.token : isLoopback(host) ? null : newToken();
  const statics =
    o.staticDir && existsSync(o.staticDir) ? sirv(o.staticDir, { single: true, dev: false, etag: true }) : null;
  const server = createServer((req, res) => {
    if (!hostAllowed(req, host))
      return send(res, 403, { ok: false, error: { code: 'unauthorized', message: 'host not allowed' } });
    if (!authorised(req, token))
      return send(res, 401, {
        ok: false,
        error: { code: 'unauthorized', message: 'this workbench needs the token printed when it started (?token=…)' },
      });
    const url = new URL(req.url ?? '/', 'http://x');
    if (token && url.searchParams.get('token'))
      res.setHeader('set-cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    if (url.pathname.startsWith('/api/')) return void handleApi(o, req, res, decodeURIComponent(url.pathname.slice(5)));
    res.setHeader('content-security-policy', contentSecurityPolicy());
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (statics)
      return statics(req, res, () => send(res, 404, { ok: false, error: { code: 'not_found', message: 'not found' } }));
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Gradient Workbench API is running, but the renderer is not built: run `npm run build:renderer`.\n');
  });
  // small JSON replies: without TCP_NODELAY, loopback answers can wait ~40 ms on delayed ACKs
  server.on('connection', (socket) => socket.setNoDelay(true));
  const wss = new WebSocketServer({ noServer: true });
  const clients = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== '/api/events' || !hostAllowed(req, host) || !authorised(req, token)) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
    });
  });
  const unsubscribe = EVENTS.map((event) =>
    o.service.on(event, (payload) => {
      const text = JSON.stringify({ event, payload });
      for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    token,
    close: async () => {
      unsubscribe.forEach((u) => u());
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
