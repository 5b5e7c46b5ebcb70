/**
 * The Live run view's state: one run, its epoch records and progress. Loads the run and its
 * epochs once, then appends from `run.epoch` events, merged in batches (at most a few per
 * second) so charts redraw for a burst once, never per event.
 */
import type { Output } from '@core/api/contract.ts';
import type { EpochRecord, ProgressEvent } from '@core/domain/records.ts';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { call } from '../api/client.ts';
import { useApi } from '../api/inject.ts';
import { createBatcher, epochRanges, mergeEpochs } from '../charts/live-data.ts';
import { onServiceEvent } from './events.ts';

export type RunDetail = Output<'runs.get'>;

/** chart data is merged at most this often while a run trains, ms */
export const EPOCH_BATCH_MS = 300;

export const useLiveStore = defineStore('live', () => {
  const api = useApi();
  const runId = ref<string | null>(null);
  const run = shallowRef<RunDetail | null>(null);
  const epochs = shallowRef<EpochRecord[]>([]);
  const progress = shallowRef<ProgressEvent | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** opened without an id and there is no run at all */
  const empty = ref(false);
  /** opened without an id: switch to the next run that starts once this one is over */
  const following = ref(false);
  const cancelling = ref(false);
  /** performance.now() at the start of the last open, when its first epochs and all of them were in */
  const timing = ref({ openedAt: 0, firstAt: 0, allAt: 0 });
  let pending: EpochRecord[] = [];
  let token = 0;
  /** a start or finish of this run came in while it loaded: the loaded row may be stale */
  let staleAfterLoad = false;
  const batcher = createBatcher(() => {
    epochs.value = mergeEpochs(epochs.value, pending);
    pending = [];
  }, EPOCH_BATCH_MS);

  const active = computed(() => run.value?.status === 'running' || run.value?.status === 'queued');

  onServiceEvent('run.epoch', ({ runId: id, record }) => {
    if (id !== runId.value) return;
    pending.push(record);
    if (!loading.value) batcher.schedule();
  });
  onServiceEvent('run.progress', (p) => {
    if (p.runId === runId.value) progress.value = p;
  });
  onServiceEvent('run.started', ({ runId: id, backend }) => {
    if (id === runId.value && loading.value) staleAfterLoad = true;
    else if (id === runId.value && run.value) run.value = { ...run.value, status: 'running', backend };
    else if (following.value && !active.value && !loading.value) void open(id, true);
  });
  onServiceEvent('run.finished', ({ runId: id, status, message }) => {
    if (id !== runId.value) return;
    if (loading.value) return void (staleAfterLoad = true);
    batcher.flush();
    progress.value = null;
    cancelling.value = false;
    if (run.value) run.value = { ...run.value, status, error: message };
    void refresh();
  });

  /** Without an id: the running run, else the next queued one, else the newest. */
  async function resolve(): Promise<string | null> {
    const a = await call(api, 'runs.active', {});
    const id = a.running[0] ?? a.queued[0];
    if (id) return id;
    const list = await call(api, 'runs.list', { limit: 1, sort: 'created', dir: 'desc' });
    return list.items[0]?.id ?? null;
  }

  async function open(id: string | null, follow = !id) {
    const mine = ++token;
    timing.value = { openedAt: performance.now(), firstAt: 0, allAt: 0 };
    batcher.cancel();
    pending = [];
    staleAfterLoad = false;
    loading.value = true;
    error.value = null;
    empty.value = false;
    cancelling.value = false;
    following.value = follow;
    // start clean even for the same run: redrawing stale records first would only delay the fresh ones
    run.value = null;
    epochs.value = [];
    progress.value = null;
    runId.value = id;
    try {
      const target = id || (await resolve());
      if (mine !== token) return;
      runId.value = target;
      if (!target) return void (empty.value = true);
      const [detail, a] = await Promise.all([call(api, 'runs.get', { id: target }), call(api, 'runs.active', {})]);
      if (mine !== token) return;
      run.value = detail;
      progress.value = a.progress[target] ?? null;
      // all ranges are asked for at once: the service reads them one after the other, so the
      // small first one comes back at once and draws while it reads the rest
      const [first, ...others] = epochRanges(detail.epochsDone).map((r) =>
        call(api, 'runs.epochs', { id: target, ...r }),
      );
      const head = await first;
      if (mine !== token) return;
      epochs.value = head;
      timing.value = { ...timing.value, firstAt: performance.now() };
      const rest = (await Promise.all(others)).flat();
      if (mine !== token) return;
      epochs.value = mergeEpochs(epochs.value, [...rest, ...pending]);
      pending = [];
      timing.value = { ...timing.value, allAt: performance.now() };
      if (staleAfterLoad) void refresh();
    } catch (err) {
      if (mine === token) error.value = (err as Error).message;
    } finally {
      if (mine === token) loading.value = false;
    }
  }

  /** After a run ends: its final row, and any epoch whose event was missed (e.g. socket reconnect). */
  async function refresh() {
    const id = runId.value;
    if (!id) return;
    try {
      const last = epochs.value[epochs.value.length - 1]?.epoch ?? 0;
      const [detail, missed] = await Promise.all([
        call(api, 'runs.get', { id }),
        call(api, 'runs.epochs', { id, from: last + 1 }),
      ]);
      if (id !== runId.value) return;
      run.value = detail;
      epochs.value = mergeEpochs(epochs.value, missed);
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  async function cancel() {
    const id = runId.value;
    if (!id || !active.value) return;
    cancelling.value = true;
    try {
      const r = await call(api, 'runs.cancel', { id });
      if (!r.cancelled) cancelling.value = false;
    } catch (err) {
      cancelling.value = false;
      error.value = (err as Error).message;
    }
  }

  return {
    runId,
    run,
    epochs,
    progress,
    loading,
    error,
    empty,
    following,
    cancelling,
    timing,
    active,
    open,
    refresh,
    cancel,
  };
});
