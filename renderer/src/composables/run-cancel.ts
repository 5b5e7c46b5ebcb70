/** Cancelling the run on screen: `cancelling` holds from the click until the run's finish arrives. */
import type { ApiClient } from '@core/api/contract.ts';
import { ref, type Ref } from 'vue';
import { call } from '../api/client.ts';

export function useRunCancel(
  api: ApiClient,
  runId: Ref<string | null>,
  active: Ref<boolean>,
  error: Ref<string | null>,
) {
  const cancelling = ref(false);
  async function cancel() {
    const id = runId.value;
    if (!id || !active.value) return;
    cancelling.value = true;
    try {
      const r = await call(api, 'runs.cancel', { id });
      // already over: there will be no finish to wait for
      if (!r.cancelled) cancelling.value = false;
    } catch (err) {
      cancelling.value = false;
      error.value = (err as Error).message;
    }
  }
  return { cancelling, cancel };
}
