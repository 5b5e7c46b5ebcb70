/** Deleting runs in two steps: name them (the dialog opens), then confirm; nothing goes without both. */
import type { ApiClient } from '@core/api/contract.ts';
import { ref, type Ref } from 'vue';
import { call } from '../api/client.ts';

export interface DeleteDeps {
  /** the ids a request names when given none */
  selectedIds: Ref<string[]>;
  /** after a delete: drop the ids from the selection */
  forget(ids: string[]): void;
  reload(): Promise<void>;
}

export function useRunDelete(api: ApiClient, deps: DeleteDeps) {
  /** ids waiting for the delete confirmation; null = no dialog */
  const pendingDelete = ref<string[] | null>(null);

  /** Step one of deleting: name the runs; nothing is deleted until confirmDelete. */
  function requestDelete(ids: string[] = deps.selectedIds.value) {
    pendingDelete.value = ids.length ? [...ids] : null;
  }
  const cancelDelete = () => (pendingDelete.value = null);
  /** Step two: delete what requestDelete named. Without a pending request it refuses (returns 0). */
  async function confirmDelete(): Promise<number> {
    const ids = pendingDelete.value;
    if (!ids?.length) return 0;
    pendingDelete.value = null;
    const { deleted } = await call(api, 'runs.delete', { ids });
    deps.forget(ids);
    await deps.reload();
    return deleted;
  }

  return { pendingDelete, requestDelete, cancelDelete, confirmDelete };
}
