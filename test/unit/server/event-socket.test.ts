/** The event socket admits the served page only: a refused handshake gets a status and no event. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { api, type Bridged, startBridged } from './bridge-fixture.ts';

let b: Bridged;
beforeAll(async () => (b = await startBridged()));
afterAll(async () => b?.close());

interface Outcome {
  /** HTTP status of a refused handshake, 101 when it opened */
  status: number;
  events: string[];
}

/** Opens a socket with these headers, triggers one event, and reports what the socket saw. */
async function attempt(path: string, headers: Record<string, string>): Promise<Outcome> {
  const ws = new WebSocket(`ws://127.0.0.1:${b.port}${path}`, { headers: { host: b.host, ...headers } });
  const events: string[] = [];
  ws.on('message', (d) => events.push(String(d)));
  const status = await new Promise<number>((resolve) => {
    ws.on('open', () => resolve(101));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
  const tag = `t${Math.random()}`;
  expect((await api(b, 'runs.update', { id: b.runId, tags: [tag] })).status).toBe(200);
  await new Promise((r) => setTimeout(r, 150));
  ws.terminate();
  return { status, events };
}

const own = () => ({ origin: `http://${b.host}`, cookie: `gw_token_${b.port}=${b.bridge.token}` });

describe('the event socket', () => {
  it('opens for the served page (own Origin, the cookie) and delivers events', async () => {
    const r = await attempt('/api/events', own());
    expect(r.status).toBe(101);
    expect(r.events.map((e) => JSON.parse(e).event)).toContain('runs.changed');
  });

  it('opens for a non-browser client with ?token= and no Origin', async () => {
    const r = await attempt(`/api/events?token=${b.bridge.token}`, {});
    expect(r.status).toBe(101);
    expect(r.events.length).toBeGreaterThan(0);
  });

  it.each([
    ['a foreign Origin, even with the cookie', 403, { origin: 'http://127.0.0.1:9999' }],
    ['Sec-Fetch-Site: cross-site', 403, { 'sec-fetch-site': 'cross-site' }],
    ['a rebinding Host', 403, { host: `127.0.0.1.evil.example:PORT` }],
    ['no token', 401, { cookie: '' }],
  ])('refuses %s with %i and sends no event', async (_, status, extra) => {
    const headers: Record<string, string> = { ...own(), ...extra };
    headers.host = (headers.host ?? b.host).replace('PORT', String(b.port));
    const r = await attempt('/api/events', headers);
    expect(r.status).toBe(status);
    expect(r.events).toEqual([]);
  });

  it('refuses any other path with a 404', async () => {
    expect((await attempt('/api/other', own())).status).toBe(404);
  });
});
