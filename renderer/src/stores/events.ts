/**
 * How stores hear service events: each store subscribes through the api client it was given,
 * inside its own effect scope, and the subscription ends with that scope — `store.$dispose()`, or
 * the whole Pinia disposed when the app unmounts (see pinia.ts). Nothing is kept at module level,
 * so a store that is gone (or a Pinia of an earlier test or window) never hears another event.
 */
import type { ApiClient, EventName, Events } from '@core/api/contract.ts';
import { getCurrentScope, onScopeDispose } from 'vue';

/** Subscribe `handler` to `event` for as long as the current effect scope (a setup store, a component) lives. */
export function onServiceEvent<E extends EventName>(
  api: ApiClient,
  event: E,
  handler: (payload: Events[E]) => void,
): () => void {
  // without a scope nothing would ever unsubscribe: refuse rather than leak
  if (!getCurrentScope())
    throw new Error(`onServiceEvent('${event}') must be called in a setup store or component setup (no effect scope)`);
  const off = api.subscribe(event, handler);
  onScopeDispose(off);
  return off;
}
