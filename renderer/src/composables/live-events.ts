/**
 * What the Live view does with service events: epochs and progress of the run on screen, its
 * start and finish (re-read once the load is done when they race it), and — when following —
 * the next run that starts. Subscriptions end with the calling store (stores/events.ts).
 */
import type { ApiClient, Output } from '@core/api/contract.ts';
import type { ProgressEvent } from '@core/domain/records.ts';
import type { Ref, ShallowRef } from 'vue';
import { onServiceEvent } from '../stores/events.ts';
import type { LiveEpochs } from './live-epochs.ts';

export interface LiveHandle {
  runId: Ref<string | null>;
  run: ShallowRef<Output<'runs.get'> | null>;
  progress: ShallowRef<ProgressEvent | null>;
  loading: Ref<boolean>;
  following: Ref<boolean>;
  cancelling: Ref<boolean>;
  active: Readonly<Ref<boolean>>;
  buffer: LiveEpochs;
  /** a start or finish of this run came in while it loaded: the loaded row may be stale */
  markStale(): void;
  open(id: string, follow: boolean): Promise<void>;
  refresh(): Promise<void>;
}

export function useLiveEvents(api: ApiClient, live: LiveHandle): void {
  const { runId, run, progress, loading } = live;
  onServiceEvent(api, 'run.epoch', ({ runId: id, record }) => {
    if (id === runId.value) live.buffer.push(record, loading.value);
  });
  onServiceEvent(api, 'run.progress', (p) => {
    if (p.runId === runId.value) progress.value = p;
  });
  onServiceEvent(api, 'run.started', ({ runId: id, backend }) => {
    if (id === runId.value && loading.value) live.markStale();
    else if (id === runId.value && run.value) run.value = { ...run.value, status: 'running', backend };
    else if (live.following.value && !live.active.value && !loading.value) void live.open(id, true);
  });
  onServiceEvent(api, 'run.finished', ({ runId: id, status, message }) => {
    if (id !== runId.value) return;
    if (loading.value) return live.markStale();
    live.buffer.flush();
    progress.value = null;
    live.cancelling.value = false;
    if (run.value) run.value = { ...run.value, status, error: message };
    void live.refresh();
  });
}
