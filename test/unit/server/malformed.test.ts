/** Malformed and hostile requests: each gets a fitting status (or Node's own refusal), and the server lives on. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebBridge } from '../../../src/server/web-bridge.ts';
import { api, type Bridged, raw, send, startBridged } from './bridge-fixture.ts';

let b: Bridged;
beforeAll(async () => (b = await startBridged({ timeouts: { headersMs: 300, requestMs: 600, keepAliveMs: 200 } })));
afterAll(async () => b?.close());
afterEach(async () => {
  const alive = await api(b, 'runs.list', {});
  expect(alive.status, 'the server still answers').toBe(200);
});

// Connection: close so each raw exchange ends when the reply does
const line = (target: string, extra = '') =>
  `GET ${target} HTTP/1.1\r\nHost: ${b.host}\r\nConnection: close\r\n${extra}\r\n`;
const statusOf = (reply: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0);

describe('request targets', () => {
  it('bad percent-encoding under /api/ is refused, never decoded into a crash', async () => {
    expect(statusOf(await raw(b.port, line('/api/%E0%A4%A')))).toBe(401);
    const r = await api(b, '%E0%A4%A', {});
    expect(r.status).toBe(404);
    expect(r.json().error?.code).toBe('unknown_method');
  });

  it('bad percent-encoding on a page path is served or a 404, not a crash', async () => {
    expect([200, 404]).toContain(statusOf(await raw(b.port, line('/%E0%A4%A'))));
  });

  it.each(['http://[', `http://${'127.0.0.1'}:1/api/runs.list`, '*', 'http://x/%'])(
    'the absolute-form or odd target %j is a 400 envelope',
    async (target) => {
      const reply = await raw(b.port, line(target));
      expect(statusOf(reply)).toBe(400);
      expect(reply).toContain('malformed request target');
    },
  );

  it('bytes that are not HTTP get Node’s 400', async () => {
    expect(statusOf(await raw(b.port, Buffer.from([0, 1, 2, 255, 13, 10, 13, 10])))).toBe(400);
  });
});

describe('headers', () => {
  it('huge headers are a 431', async () => {
    expect(statusOf(await raw(b.port, line('/', `X-Big: ${'a'.repeat(64 * 1024)}\r\n`)))).toBe(431);
  });

  it('twenty slow-header connections are all dropped after the configured timeout', async () => {
    const t0 = Date.now();
    const partial = `GET / HTTP/1.1\r\nHost: ${b.host}\r\nX-Slow: 1\r\n`;
    const replies = await Promise.all(Array.from({ length: 20 }, () => raw(b.port, partial, 5000)));
    expect(Date.now() - t0).toBeLessThan(3000);
    for (const reply of replies) expect([0, 408]).toContain(statusOf(reply));
  });

  it('a slow body is dropped after the request timeout', async () => {
    const t0 = Date.now();
    const head =
      `POST /api/runs.list HTTP/1.1\r\nHost: ${b.host}\r\nContent-Type: application/json\r\n` +
      `X-Gw-Token: ${b.bridge.token}\r\nContent-Length: 100\r\n\r\n{`;
    const reply = await raw(b.port, head, 5000);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(statusOf(reply)).toBe(408);
  });

  it('the timeouts are checked: headers longer than the request is refused by name', async () => {
    await expect(
      startWebBridge({ service: b.service, timeouts: { headersMs: 2000, requestMs: 1000 } }),
    ).rejects.toThrow(/timeouts\.headersMs/);
    await expect(startWebBridge({ service: b.service, timeouts: { keepAliveMs: -1 } })).rejects.toThrow(
      /timeouts\.keepAliveMs: must be a positive integer/,
    );
  });
});

describe('bodies', () => {
  it('bad JSON is a 400 that does not quote the body back', async () => {
    const r = await send(b.port, {
      method: 'POST',
      path: '/api/runs.list',
      headers: { host: b.host, 'content-type': 'application/json', 'x-gw-token': b.bridge.token },
      body: '{"SECRET-CONTENT',
    });
    expect(r.status).toBe(400);
    expect(r.json().error?.message).toBe('request body is not valid JSON');
    expect(r.body).not.toContain('SECRET');
  });

  it('a declared body over 16 MiB is a 413 before it is read', async () => {
    const reply = await raw(
      b.port,
      `POST /api/runs.list HTTP/1.1\r\nHost: ${b.host}\r\nContent-Type: application/json\r\n` +
        `X-Gw-Token: ${b.bridge.token}\r\nContent-Length: ${17 * 1024 * 1024}\r\n\r\n{`,
    );
    expect(statusOf(reply)).toBe(413);
  });
});

describe('envelope statuses', () => {
  it('bad input is 400 naming the field, a missing run 404, an unknown method 404', async () => {
    const bad = await api(b, 'runs.list', { limit: 'many' });
    expect(bad.status).toBe(400);
    expect(bad.json().error?.message).toMatch(/limit/);
    expect((await api(b, 'runs.get', { id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await api(b, 'nope.nope', {})).status).toBe(404);
  });

  it('a handler that throws is a 500 envelope without its message, and the next request is served', async () => {
    const handle = b.service.handle;
    b.service.handle = () => Promise.reject(new Error('secret detail from /etc/passwd'));
    try {
      const r = await api(b, 'runs.list', {});
      expect(r.status).toBe(500);
      expect(r.json().error).toEqual({ code: 'internal', message: 'internal error in the web bridge' });
    } finally {
      b.service.handle = handle;
    }
  });
});
