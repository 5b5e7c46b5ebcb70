/**
 * The preload's core, as a pure function of an `ipcRenderer`-like object so it is tested without
 * Electron: `invoke(method, input)` and `subscribe(event, cb) → unsubscribe`, allow-listed from
 * the contract. Anything off the list is refused here, without a message to main; callbacks get
 * the payload only, never the IPC event object (which would leak `sender`).
 */
import type { ApiClient, Envelope } from '../src/api/contract.ts';
import { EVENT_CHANNEL, type EventMessage, INVOKE_CHANNEL } from './channels.ts';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface AllowList {
  methods: readonly string[];
  events: readonly string[];
}

type Callback = (payload: unknown) => void;

export function createBridge(ipc: IpcRendererLike, allow: AllowList): ApiClient {
  const methods = new Set(allow.methods);
  const events = new Set(allow.events);
  const subscribers = new Map<string, Set<Callback>>();
  let listening = false;

  // one IPC listener for all subscriptions, attached on first use
  const dispatch = (_event: unknown, message: unknown) => {
    const m = message as EventMessage | null;
    if (!m || typeof m.event !== 'string') return;
    for (const cb of [...(subscribers.get(m.event) ?? [])]) cb(m.payload);
  };

  const invoke = (method: string, input: unknown): Promise<Envelope<unknown>> => {
    if (typeof method !== 'string' || !methods.has(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_method', message: `unknown method ${String(method)}` },
      });
    }
    return ipc.invoke(INVOKE_CHANNEL, method, input) as Promise<Envelope<unknown>>;
  };

  const subscribe = (event: string, cb: Callback): (() => void) => {
    if (typeof event !== 'string' || !events.has(event)) throw new Error(`unknown event ${String(event)}`);
    if (typeof cb !== 'function') throw new Error('subscribe: the callback must be a function');
    if (!listening) {
      ipc.on(EVENT_CHANNEL, dispatch);
      listening = true;
    }
    const set = subscribers.get(event) ?? new Set<Callback>();
    subscribers.set(event, set);
    // a wrapper per subscription, so subscribing the same callback twice needs two unsubscribes
    const entry: Callback = (p) => cb(p);
    set.add(entry);
    return () => {
      set.delete(entry);
      if ([...subscribers.values()].every((s) => s.size === 0) && listening) {
        ipc.removeListener(EVENT_CHANNEL, dispatch);
        listening = false;
      }
    };
  };

  return { invoke, subscribe } as ApiClient;
}
