/**
 * The one fake ApiClient of the renderer tests: typed by the contract, it records every call,
 * answers with replies a test sets per method, and emits events to whoever subscribed. A method
 * without a reply (or whose reply gives undefined) answers not_found "no answer for <method>".
 */
import type { ApiClient, ApiError, Envelope, EventName, Events, Input, Method, Output } from '@core/api/contract.ts';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createApp, type App } from 'vue';
import { API_KEY } from '../../renderer/src/api/inject.ts';

/** What a reply may give: the value, an error envelope, or undefined for "no answer". */
type Answer<M extends Method> = Output<M> | { ok: false; error: ApiError } | undefined;
export type Reply<M extends Method> = (input: Input<M>) => Answer<M> | Promise<Answer<M>>;
export type Replies = { [M in Method]?: Reply<M> };

export interface Call {
  method: Method;
  input: any;
}

export function fakeApi(replies: Replies = {}) {
  const calls: Call[] = [];
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const answers: Replies = { ...replies };

  const api: ApiClient = {
    async invoke<M extends Method>(method: M, input: Input<M>): Promise<Envelope<Output<M>>> {
      calls.push({ method, input });
      const reply = answers[method] as Reply<M> | undefined;
      const value = await reply?.(input);
      if (value === undefined) return { ok: false, error: { code: 'not_found', message: `no answer for ${method}` } };
      if (isFailure(value)) return value;
      return { ok: true, value };
    },
    subscribe(event, cb) {
      const set = listeners.get(event) ?? new Set();
      set.add(cb as (p: unknown) => void);
      listeners.set(event, set);
      return () => void set.delete(cb as (p: unknown) => void);
    },
  };

  return {
    api,
    calls,
    /** the inputs of every call of `method`, in order */
    inputsOf: <M extends Method>(method: M) => calls.filter((c) => c.method === method).map((c) => c.input as Input<M>),
    /** set (or replace) the reply for one method */
    reply<M extends Method>(method: M, r: Reply<M>) {
      (answers as Record<Method, unknown>)[method] = r;
    },
    emit<E extends EventName>(event: E, payload: Events[E]) {
      listeners.get(event)?.forEach((cb) => cb(payload));
    },
    /** how many handlers listen to `event` now */
    listenerCount: (event: EventName) => listeners.get(event)?.size ?? 0,
  };
}

export type FakeApi = ReturnType<typeof fakeApi>;

function isFailure(v: unknown): v is { ok: false; error: ApiError } {
  return typeof v === 'object' && v !== null && 'ok' in v && v.ok === false && 'error' in v;
}

/** An app that provides `api`, with a fresh Pinia made active: stores are created in its context. */
export function appWith(api: ApiClient): { app: App; pinia: Pinia; use: <T>(useStore: () => T) => T } {
  const app = createApp({ render: () => null });
  app.provide(API_KEY, api);
  const pinia = createPinia();
  app.use(pinia);
  setActivePinia(pinia);
  return { app, pinia, use: (useStore) => app.runWithContext(useStore) };
}

/** mount() options for a view: a fresh Pinia and the api provided. */
export const globalWith = (api: ApiClient, plugins: unknown[] = []) => ({
  plugins: [createPinia(), ...plugins] as never[],
  provide: { [API_KEY as symbol]: api },
});
