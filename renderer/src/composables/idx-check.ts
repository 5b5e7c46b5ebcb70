/**
 * The live check of one IDX path field: asks the service (data.check) once typing pauses, and
 * keeps only the answer to the latest path, so a slow reply for an old path never shows.
 */
import type { DataCheck, DataFileKind } from '@core/api/contract.ts';
import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { call } from '../api/client.ts';
import { useApi } from '../api/inject.ts';

/** ms of quiet typing before the service is asked */
export const IDX_CHECK_DELAY = 350;

export type IdxCheckState =
  | { state: 'empty' }
  | { state: 'checking' }
  | { state: 'done'; result: DataCheck }
  | { state: 'error'; message: string };

export function useIdxCheck(path: Ref<string>, kind: DataFileKind) {
  const api = useApi();
  const check = ref<IdxCheckState>({ state: 'empty' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;

  async function ask(p: string, ticket: number) {
    try {
      const result = await call(api, 'data.check', { path: p, kind });
      if (ticket === latest) check.value = { state: 'done', result };
    } catch (err) {
      if (ticket === latest) check.value = { state: 'error', message: (err as Error).message };
    }
  }

  watch(
    path,
    (p) => {
      clearTimeout(timer);
      const ticket = ++latest;
      if (!p.trim()) {
        check.value = { state: 'empty' };
        return;
      }
      check.value = { state: 'checking' };
      timer = setTimeout(() => void ask(p.trim(), ticket), IDX_CHECK_DELAY);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => clearTimeout(timer));
  return check;
}
