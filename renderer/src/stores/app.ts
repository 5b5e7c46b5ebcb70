/** App-wide facts: service info, the active runs (to switch between in Live), one error banner. */
import type { Output } from '@core/api/contract.ts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { call } from '../api/client.ts';
import { useApi } from '../api/inject.ts';
import { onServiceEvent } from './events.ts';

export interface ActiveRun {
  id: string;
  name: string;
  status: 'running' | 'queued';
}
/**
 * The user's "runs in parallel", kept in this browser profile (the desktop app's, or the browser's in
 * serve mode) and re-applied to the service each time the app starts: the service keeps no
 * settings of its own, and the database (which can be swapped) is no place for a machine's limit.
 */
export const PARALLEL_KEY = 'gw-parallel';

function storedParallel(): number | null {
  try {
    const n = Number(localStorage.getItem(PARALLEL_KEY));
    return Number.isInteger(n) && n >= 1 ? n : null;
  } catch {
    return null;
  }
}

/** names are asked for this many active runs at most (a long queue is listed by id) */
const MAX_NAMED = 20;

export const useAppStore = defineStore('app', () => {
  const api = useApi();
  const info = ref<Output<'app.info'> | null>(null);
  /** running then queued, with names for the Live switcher */
  const active = ref<ActiveRun[]>([]);
  const activeCount = computed(() => active.value.length);
  const error = ref<string | null>(null);

  async function load() {
    try {
      info.value = await call(api, 'app.info', {});
      await reapplyParallel();
      await refreshActive();
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  /** Apply `n` runs in parallel now (queued runs start when it grows) and remember it. Throws UiError. */
  async function configureParallel(n: number, remember = true) {
    const r = await call(api, 'app.configure', { parallel: n });
    if (info.value) info.value = { ...info.value, parallel: r.parallel };
    if (!remember) return;
    try {
      localStorage.setItem(PARALLEL_KEY, String(r.parallel));
    } catch {
      // storage refused: applied for this session only
    }
  }

  /** The remembered choice, fitted to this machine's limit (serve may run on another machine). */
  async function reapplyParallel() {
    const want = storedParallel();
    if (!want || !info.value) return;
    const n = Math.min(want, info.value.maxParallel);
    // the wish stays stored as it was: a bigger machine gets it whole
    if (n !== info.value.parallel) await configureParallel(n, false);
  }

  async function refreshActive() {
    const a = await call(api, 'runs.active', {});
    const ids = [...a.running, ...a.queued];
    const named = await Promise.all(
      ids.slice(0, MAX_NAMED).map((id) =>
        call(api, 'runs.get', { id }).then(
          (r) => r.name,
          () => '', // deleted or finished meanwhile: still listed, by id
        ),
      ),
    );
    active.value = ids.map((id, i) => ({
      id,
      name: named[i] || id.slice(0, 8),
      status: a.running.includes(id) ? 'running' : 'queued',
    }));
  }
  // the active badge follows runs that end and runs that are created or deleted
  const refreshQuietly = () => void refreshActive().catch((err: Error) => (error.value = err.message));
  onServiceEvent(api, 'run.finished', refreshQuietly);
  onServiceEvent(api, 'runs.changed', refreshQuietly);

  // a run that starts moves from queued to running
  onServiceEvent(api, 'run.started', refreshQuietly);

  return { info, active, activeCount, error, load, refreshActive, configureParallel };
});
