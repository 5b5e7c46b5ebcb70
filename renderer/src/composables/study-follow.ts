/**
 * Following the study run on screen while its runs train: run.progress moves the bar within a
 * run, run.finished refetches the result (coalesced: a study ends many runs at once), and while
 * it runs a slow poll refetches too, in case an event was missed (a reloaded window, a dropped
 * socket). Only runs of that study run count; subscriptions end with the caller's scope.
 */
import type { ApiClient } from '@core/api/contract.ts';
import type { StudyResult } from '@core/domain/studies.ts';
import { computed, onScopeDispose, reactive, type ShallowRef } from 'vue';
import { studyFraction } from '../components/studies/plan.ts';
import { onServiceEvent } from '../stores/events.ts';

/** While a study runs, its result is also refetched this often (ms). */
export const STUDY_POLL_MS = 5000;
const REFRESH_DELAY_MS = 150;

export function useStudyFollow(api: ApiClient, result: ShallowRef<StudyResult | null>, refetch: (id: string) => void) {
  /** run id → fraction done (run.progress) of the runs still training */
  const training = reactive(new Map<string, number>());
  /** runs that ended since the result was last fetched (so the bar never steps back meanwhile) */
  const ended = reactive(new Set<string>());

  const fraction = computed(() => {
    const r = result.value;
    if (!r) return 0;
    const done = Math.min(r.progress.total, r.progress.done + ended.size);
    return studyFraction({ done, total: r.progress.total }, training.values());
  });

  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  function refreshSoon() {
    if (refreshTimer || !result.value) return;
    const id = result.value.id;
    refreshTimer = setTimeout(() => ((refreshTimer = undefined), refetch(id)), REFRESH_DELAY_MS);
  }
  let pollTimer: ReturnType<typeof setTimeout> | undefined;

  /** Call with each fetched result: a new study run forgets the old one's runs; a refetch counts the ended ones. */
  function fetched(previousId: string | null) {
    if (previousId !== result.value?.id) training.clear();
    ended.clear();
    clearTimeout(pollTimer);
    pollTimer = result.value?.status === 'running' ? setTimeout(refreshSoon, STUDY_POLL_MS) : undefined;
  }

  const ours = (runId: string) => result.value?.runIds.includes(runId) ?? false;
  onServiceEvent(api, 'run.progress', (p) => ours(p.runId) && training.set(p.runId, p.fraction));
  onServiceEvent(api, 'run.finished', (e) => {
    if (!ours(e.runId)) return;
    training.delete(e.runId);
    ended.add(e.runId);
    refreshSoon();
  });
  onScopeDispose(() => (clearTimeout(refreshTimer), clearTimeout(pollTimer)));

  return { fraction, fetched };
}
