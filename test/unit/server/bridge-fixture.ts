/**
 * A real web bridge on 127.0.0.1 (port 0, a temp database holding one completed run) and raw
 * HTTP helpers that set any header a browser or an attacker could: node's fetch would hide some.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { parseSpec } from '../../../src/experiment/spec.ts';
import { Service } from '../../../src/api/service.ts';
import { startWebBridge, type WebBridge, type WebBridgeOptions } from '../../../src/server/web-bridge.ts';
import { openStore, type RunStore } from '../../../src/store/index.ts';
import { tempDir } from '../../helpers/cli.ts';

export interface Bridged {
  bridge: WebBridge;
  service: Service;
  store: RunStore;
  port: number;
  /** `127.0.0.1:<port>`: the Host a browser on the printed URL sends */
  host: string;
  runId: string;
  close(): Promise<void>;
}

export async function startBridged(o: Partial<WebBridgeOptions> = {}): Promise<Bridged> {
  const tmp = tempDir();
  const dbPath = join(tmp.dir, 'bridge.db');
  const store = openStore(dbPath);
  const spec = parseSpec({ epochs: 1, tasks: [{ kind: 'cls', primary: true }] });
  const runId = store.createRun({ spec, name: 'original', tags: [], notes: '' });
  store.markRunning(runId, { name: 'cpu', detail: 'cpu', skipped: [], parityMaxAbsDiff: null });
  store.finishRun(runId, 'completed');
  const service = new Service({ store, dbPath, door: 'web', parallel: 1 });
  const bridge = await startWebBridge({ service, host: '127.0.0.1', port: 0, ...o });
  const port = Number(new URL(bridge.url).port);
  return {
    bridge,
    service,
    store,
    port,
    host: `127.0.0.1:${port}`,
    runId,
    close: async () => (await bridge.close(), await service.close(), tmp.cleanup()),
  };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

/** One HTTP request with exactly these headers (Host included). */
export function send(
  port: number,
  o: { method?: string; path: string; headers?: Record<string, string>; body?: string; address?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: o.address ?? '127.0.0.1',
        port,
        method: o.method ?? 'GET',
        path: o.path,
        headers: o.headers,
        setHost: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body, json: () => JSON.parse(body) }),
        );
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

/** An API call as the served page makes it: own Host and Origin, JSON, the token header. */
export function api(b: Bridged, method: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(b.port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: {
      host: b.host,
      origin: `http://${b.host}`,
      'content-type': 'application/json',
      'x-gw-token': b.bridge.token,
      ...headers,
    },
    body: JSON.stringify(input),
  });
}

/** Bytes straight onto a socket (request lines no HTTP client would write); resolves with what came back. */
export function raw(port: number, text: string | Buffer, waitMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    const done = () => (clearTimeout(timer), socket.destroy(), resolve(got));
    const timer = setTimeout(done, waitMs);
    socket.on('data', (d) => (got += d.toString('latin1')));
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', done);
    socket.write(text);
  });
}

/** The names of the runs in the store: what an attack must leave untouched. */
export const runNames = (b: Bridged) => b.store.listRuns({}).items.map((r) => r.name);
