/** App-wide facts: service info, active run count, one error banner. */
import type { Output } from '@core/api/contract.ts';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { call } from '../api/client.ts';
import { useApi } from '../api/inject.ts';
import { onServiceEvent } from './events.ts';

export const useAppStore = defineStore('app', () => {
  const api = useApi();
  const info = ref<Output<'app.info'> | null>(null);
  const activeCount = ref(0);
  const error = ref<string | null>(null);

  async function load() {
    try {
      info.value = await call(api, 'app.info', {});
      await refreshActive();
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  async function refreshActive() {
    const a = await call(api, 'runs.active', {});
    activeCount.value = a.running.length + a.queued.length;
  }
  // the active badge follows runs that end and runs that are created or deleted
  const refreshQuietly = () => void refreshActive().catch((err: Error) => (error.value = err.message));
  onServiceEvent(api, 'run.finished', refreshQuietly);
  onServiceEvent(api, 'runs.changed', refreshQuietly);

  return { info, activeCount, error, load, refreshActive };
});
