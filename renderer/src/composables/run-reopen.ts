/**
 * Reopening a stored run: in Design (the form filled from runs.get, see design-entry.ts), or again
 * as a new run of the very same spec. "Clone to sweep" opens Design the same way: the sweep axes
 * are added there (Design has no sweep-from-run entry of its own).
 */
import type { Spec } from '@core/experiment/spec.ts';
import { ref } from 'vue';
import { useRouter } from 'vue-router';
import { call } from '../api/client.ts';
import { useApi } from '../api/inject.ts';

export function useRunReopen() {
  const api = useApi();
  const router = useRouter();
  const starting = ref(false);
  const error = ref<string | null>(null);

  const openInDesign = (id: string) => router.push({ path: '/design', query: { from: id } });

  /** A new run of `spec`; Live then follows it. */
  async function rerun(spec: Spec) {
    starting.value = true;
    error.value = null;
    try {
      const { runIds } = await call(api, 'runs.start', { spec });
      await router.push(`/live/${runIds[0]}`);
    } catch (err) {
      error.value = `Re-run failed: ${(err as Error).message}`;
    } finally {
      starting.value = false;
    }
  }

  return { openInDesign, cloneToSweep: openInDesign, rerun, starting, error };
}
