/** The web client against the guarded bridge: the token opens calls and events; refusals come back as envelopes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createWebClient } from '../../../src/api/web-client.ts';
import { type Bridged, startBridged } from './bridge-fixture.ts';

let b: Bridged;
beforeAll(async () => (b = await startBridged()));
afterAll(async () => b?.close());

describe('createWebClient', () => {
  it('with the token: calls answer and the event socket opens', async () => {
    const client = createWebClient({ base: b.bridge.url, token: b.bridge.token, WebSocket: WebSocket as never });
    try {
      await client.connected();
      const seen: string[] = [];
      client.subscribe('runs.changed', (p) => seen.push(p.reason));
      const r = await client.invoke('runs.update', { id: b.runId, notes: 'n' });
      expect(r.ok).toBe(true);
      await expect.poll(() => seen).toContain('updated');
    } finally {
      client.close();
    }
  });

  it('without the token: an unauthorized envelope, nothing changed', async () => {
    const client = createWebClient({ base: b.bridge.url, WebSocket: WebSocket as never });
    try {
      const r = await client.invoke('runs.update', { id: b.runId, name: 'x' });
      expect(r).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(b.store.getRun(b.runId)?.name).toBe('original');
    } finally {
      client.close();
    }
  });

  it('a reply without an envelope (Node’s own 431) becomes an error envelope naming the status', async () => {
    const fakeFetch = (async () => new Response('Request Header Fields Too Large', { status: 431 })) as typeof fetch;
    const client = createWebClient({ base: b.bridge.url, fetch: fakeFetch, WebSocket: WebSocket as never });
    try {
      expect(await client.invoke('runs.list', {})).toEqual({
        ok: false,
        error: { code: 'internal', message: 'the workbench answered HTTP 431 without an envelope' },
      });
    } finally {
      client.close();
    }
  });
});
