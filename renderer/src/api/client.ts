/**
 * The renderer's one ApiClient: the Electron preload's `window.api` when present, else the web
 * bridge of the page's own origin (serve mode). Stores receive it; they never look at window.
 */
import type { ApiClient, Envelope, Input, Method, Output } from '@core/api/contract.ts';
import { createWebClient } from '@core/api/web-client.ts';

export function pickClient(): ApiClient {
  if (window.api) return window.api;
  const token = new URLSearchParams(location.search).get('token') ?? sessionStorage.getItem('gw-token');
  if (token) sessionStorage.setItem('gw-token', token);
  return createWebClient({ base: new URL('./', location.href).toString(), token });
}

/** An error the UI shows next to what caused it; `field` names the form field. */
export class UiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
    readonly issues: Array<{ field: string; message: string }> = [],
  ) {
    super(message);
  }
}

/** Invoke and unwrap: the value, or a UiError carrying the envelope's error. */
export async function call<M extends Method>(client: ApiClient, method: M, input: Input<M>): Promise<Output<M>> {
  const r: Envelope<Output<M>> = await client.invoke(method, input);
  if (r.ok) return r.value;
  throw new UiError(r.error.message, r.error.code, r.error.field, r.error.issues);
}
