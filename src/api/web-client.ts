/**
 * The ApiClient over the web bridge: fetch for methods, one WebSocket for events (reconnecting
 * with backoff). Browser-safe; in Node pass a WebSocket implementation (e.g. `ws`).
 */
import type { ApiClient, Envelope, EventName, Events, Input, Method, Output } from './contract.ts';

type WsLike = {
  onmessage: ((e: { data: unknown }) => void) | null;
  onclose: (() => void) | null;
  onopen: (() => void) | null;
  onerror: (() => void) | null;
  close(): void;
};
type WsCtor = new (url: string) => WsLike;

export interface WebClientOptions {
  /** base URL of the bridge, e.g. http://127.0.0.1:8787/ ; default: this page's origin */
  base?: string;
  /** the session token, sent as `x-gw-token` (and on the socket URL); a page the bridge served holds it as a cookie instead */
  token?: string | null;
  WebSocket?: WsCtor;
  fetch?: typeof fetch;
}

export interface WebClient extends ApiClient {
  /** resolves once the event socket is open */
  connected(): Promise<void>;
  close(): void;
}

/** One API call: JSON in, the envelope out; what is not an envelope becomes an error envelope. */
async function post(
  doFetch: typeof fetch,
  url: URL,
  headers: Record<string, string>,
  input: unknown,
): Promise<Envelope<unknown>> {
  let res: Response;
  try {
    // same-origin credentials: a page the bridge served authenticates with its cookie
    res = await doFetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
    });
  } catch (err) {
    return {
      ok: false,
      error: { code: 'internal', message: `the workbench service did not answer: ${(err as Error).message}` },
    };
  }
  const text = await res.text().catch(() => '');
  try {
    return JSON.parse(text) as Envelope<unknown>;
  } catch {
    // a refusal from Node itself (431 headers too large, 408 timeout) carries no envelope
    const code = res.status === 401 || res.status === 403 ? 'unauthorized' : 'internal';
    return { ok: false, error: { code, message: `the workbench answered HTTP ${res.status} without an envelope` } };
  }
}

export function createWebClient(o: WebClientOptions = {}): WebClient {
  const base = new URL(o.base ?? globalThis.location?.href ?? 'http://127.0.0.1/');
  const doFetch = o.fetch ?? fetch.bind(globalThis);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (o.token) headers['x-gw-token'] = o.token;
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  let ws: WsLike | null = null;
  let closed = false;
  let retry = 250;
  let opened: () => void = () => {};
  let openedPromise = new Promise<void>((r) => (opened = r));

  const connect = () => {
    const Ctor = o.WebSocket ?? (globalThis.WebSocket as unknown as WsCtor);
    const url = new URL('api/events', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (o.token) url.searchParams.set('token', o.token);
    ws = new Ctor(url.toString());
    ws.onopen = () => ((retry = 250), opened());
    // a refused handshake is an error, then a close: the close retries; in Node (ws) an unheard error would throw
    ws.onerror = () => {};
    ws.onmessage = (e) => {
      const { event, payload } = JSON.parse(String(e.data)) as { event: EventName; payload: unknown };
      listeners.get(event)?.forEach((cb) => cb(payload));
    };
    ws.onclose = () => {
      if (closed) return;
      openedPromise = new Promise<void>((r) => (opened = r));
      setTimeout(connect, (retry = Math.min(retry * 2, 5000)));
    };
  };
  connect();

  return {
    invoke: <M extends Method>(method: M, input: Input<M>) =>
      post(doFetch, new URL(`api/${method}`, base), headers, input) as Promise<Envelope<Output<M>>>,
    subscribe<E extends EventName>(event: E, cb: (payload: Events[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      set.add(cb as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(cb as (p: unknown) => void);
    },
    connected: () => openedPromise,
    close: () => {
      closed = true;
      ws?.close();
    },
  };
}
