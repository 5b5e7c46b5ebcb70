/** Who may drive the web bridge: Host, Origin, Sec-Fetch-Site, the session token and the content type. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedHosts, contentSecurityPolicy } from '../../../src/server/security.ts';
import { api, type Bridged, runNames, send, startBridged } from './bridge-fixture.ts';

let b: Bridged;
beforeAll(async () => (b = await startBridged()));
afterAll(async () => b?.close());

const rename = (headers: Record<string, string> = {}) => api(b, 'runs.update', { id: b.runId, name: 'pwned' }, headers);

describe('the served page hands out the session cookie', () => {
  it('sets an HttpOnly, SameSite=Strict cookie named for the port, with nosniff and a CSP naming its own socket', async () => {
    const r = await send(b.port, { path: '/', headers: { host: b.host } });
    expect(r.status).toBe(200);
    expect(r.headers['set-cookie']).toEqual([
      `gw_token_${b.port}=${b.bridge.token}; HttpOnly; SameSite=Strict; Path=/`,
    ]);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toContain(`connect-src 'self' ws://${b.host};`);
    expect(r.headers['content-security-policy']).not.toMatch(/ws: |wss:/);
  });

  it('the cookie alone opens the API (what the page sends), and a reply carries nosniff', async () => {
    const cookie = `other=1; gw_token_${b.port}=${b.bridge.token}`;
    const r = await api(b, 'runs.list', {}, { 'x-gw-token': '', cookie });
    expect(r.status).toBe(200);
    expect(r.json().ok).toBe(true);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('on loopback the API still needs the token: none, a wrong one, or another port’s cookie is a 401', async () => {
    const attempts: Array<Record<string, string>> = [
      { 'x-gw-token': '' },
      { 'x-gw-token': 'guess' },
      { 'x-gw-token': '', cookie: `gw_token_1=${b.bridge.token}` },
    ];
    for (const headers of attempts) {
      const r = await rename(headers);
      expect(r.status).toBe(401);
      expect(r.json().error?.code).toBe('unauthorized');
    }
    expect(runNames(b)).toEqual(['original']);
  });
});

describe('requests from another origin are refused on every route', () => {
  it.each([
    ['a foreign Origin', { origin: 'http://127.0.0.1:9999' }],
    ['an opaque Origin', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { origin: '', 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { origin: '', 'sec-fetch-site': 'same-site' }],
  ])('%s: the API (even with the token) and the page are 403', async (_, headers) => {
    const h = Object.fromEntries(Object.entries(headers).filter(([, v]) => v)) as Record<string, string>;
    const r = await rename(headers.origin === '' ? { ...h, origin: `http://${b.host}` } : h);
    expect(r.status).toBe(403);
    const page = await send(b.port, { path: '/', headers: { host: b.host, ...h } });
    expect(page.status).toBe(403);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(runNames(b)).toEqual(['original']);
  });

  it('Sec-Fetch-Site: same-origin and none pass', async () => {
    expect((await api(b, 'runs.list', {}, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await send(b.port, { path: '/', headers: { host: b.host, 'sec-fetch-site': 'none' } })).status).toBe(200);
  });
});

describe('the API takes JSON only', () => {
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''])(
    'content-type %j is a 415 and changes nothing',
    async (type) => {
      const r = await rename({ 'content-type': type });
      expect(r.status).toBe(415);
      expect(r.json().error?.message).toMatch(/content-type: must be application\/json/);
      expect(runNames(b)).toEqual(['original']);
    },
  );

  it('application/json with a charset is taken; GET is a 405', async () => {
    const r = await api(b, 'runs.list', {}, { 'content-type': 'Application/JSON; charset=utf-8' });
    expect(r.status).toBe(200);
    const get = await send(b.port, { path: '/api/runs.list', headers: { host: b.host, 'x-gw-token': b.bridge.token } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });
});

describe('Host must name this server exactly (DNS rebinding)', () => {
  it.each([
    '127.0.0.1.evil.example',
    '127.0.0.1.evil.example:PORT',
    '127.0.0.2:PORT',
    'localhost.evil.example:PORT',
    '127.0.0.1',
    '127.0.0.1:1',
    '',
  ])('Host %j is refused on the page and the API', async (hostTemplate) => {
    const host = hostTemplate.replace('PORT', String(b.port));
    const page = await send(b.port, { path: '/', headers: { host } });
    expect(page.status).toBe(403);
    const r = await rename({ host, origin: `http://${host}` });
    expect(r.status).toBe(403);
    expect(runNames(b)).toEqual(['original']);
  });

  it.each(['localhost', '127.0.0.1', '[::1]', 'LOCALHOST'])('Host %s with the port is served', async (name) => {
    const host = `${name}:${b.port}`;
    expect((await send(b.port, { path: '/', headers: { host } })).status).toBe(200);
    expect((await api(b, 'runs.list', {}, { host, origin: `http://${host}` })).status).toBe(200);
  });

  it('allowedHosts: a specific bind names itself and loopback; a wildcard adds the local addresses', () => {
    expect([...allowedHosts('192.168.1.5', 8787)].sort()).toEqual(
      ['127.0.0.1:8787', '192.168.1.5:8787', '[::1]:8787', 'localhost:8787'].sort(),
    );
    expect(allowedHosts('::', 8787)).toContain('[::1]:8787');
    expect(allowedHosts('0.0.0.0', 80)).toContain('localhost');
  });

  it('the CSP connect-src names exactly the host it was asked on', () => {
    expect(contentSecurityPolicy('localhost:8787')).toContain("connect-src 'self' ws://localhost:8787;");
  });
});

describe('off loopback the page itself needs the token', () => {
  it('bound to 127.0.0.2: no token is a 401, ?token= serves the page and sets the cookie', async () => {
    const other = await startBridged({ host: '127.0.0.2' });
    try {
      expect(other.bridge.openUrl).toBe(`${other.bridge.url}?token=${other.bridge.token}`);
      const host = `127.0.0.2:${other.port}`;
      const get = async (path: string) =>
        (await send(other.port, { path, address: '127.0.0.2', headers: { host } })).status;
      expect(await get('/')).toBe(401);
      expect(await get(`/?token=${other.bridge.token}`)).toBe(200);
    } finally {
      await other.close();
    }
  });
});
