/**
 * The remote queue as the renderer knows it: its status from the service, Settings' changes, and
 * where Design starts runs. The URL and TLS choice are kept in this browser's storage and set
 * again on the service when it has none (a restarted app); the password never is: it stays in the
 * service's memory, or comes from $GRADIENT_WORKBENCH_REDIS_PASSWORD where the service runs.
 */
import type { ApiClient, RemoteStatus } from '@core/api/contract.ts';
import { ref } from 'vue';
import { call } from '../api/client.ts';

const KEY = 'gradient-workbench.remote-queue';

/** Shared by Settings and Design: one service, one queue. */
const status = ref<RemoteStatus | null>(null);
/** where Design's Run and Queue start runs */
export const runOn = ref<'local' | 'remote'>('local');

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function saved(): { url: string; tls: boolean } | null {
  try {
    const v = JSON.parse(storage()?.getItem(KEY) ?? 'null') as { url?: unknown; tls?: unknown } | null;
    return v && typeof v.url === 'string' ? { url: v.url, tls: v.tls === true } : null;
  } catch {
    return null;
  }
}

export function useRemoteQueue(api: ApiClient) {
  const error = ref<string | null>(null);
  const busy = ref(false);

  async function refresh(): Promise<void> {
    status.value = await call(api, 'remote.status', {});
    if (!status.value.configured) runOn.value = 'local';
  }

  /** Set (url) or clear (null) the queue; errors land in `error`, naming what was wrong. */
  async function configure(url: string | null, o: { password?: string; tls?: boolean } = {}): Promise<boolean> {
    busy.value = true;
    error.value = null;
    try {
      const password = o.password || undefined;
      status.value = await call(api, 'remote.configure', { url, password, tls: o.tls ?? false });
      if (url === null) storage()?.removeItem(KEY);
      else storage()?.setItem(KEY, JSON.stringify({ url, tls: o.tls ?? false }));
      if (!status.value.configured) runOn.value = 'local';
      return true;
    } catch (err) {
      error.value = (err as Error).message;
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** The service's status; a service without a queue gets the one this browser kept. */
  async function restore(): Promise<void> {
    try {
      await refresh();
      const kept = saved();
      if (!status.value?.configured && kept) await configure(kept.url, { tls: kept.tls });
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  return { status, error, busy, refresh, configure, restore };
}
