/**
 * The Live run view's state: one run, its epoch records and progress. Loads the run and its
 * epochs once, then appends from `run.epoch` events (composables/live-events.ts), merged in
 * batches (composables/live-epochs.ts) so charts redraw for a burst once, never per event.
 */
import type { ApiClient, Output } from '@core/api/contract.ts';
import type { ProgressEvent } from '@core/domain/records.ts';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { call } from '../api/client.ts';
import { useApi } from '../api/inject.ts';
import { epochRanges } from '../charts/live-data.ts';
import { useLiveEpochs } from '../composables/live-epochs.ts';
import { useLiveEvents } from '../composables/live-events.ts';
import { useRunCancel } from '../composables/run-cancel.ts';

export type RunDetail = Output<'runs.get'>;

/** chart data is merged at most this often while a run trains, ms */
export const EPOCH_BATCH_MS = 300;

export const useLiveStore = defineStore('live', () => {
  const api = useApi();
  const runId = ref<string | null>(null);
  const run = shallowRef<RunDetail | null>(null);
  const buffer = useLiveEpochs(EPOCH_BATCH_MS);
  const progress = shallowRef<ProgressEvent | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** opened without an id and there is no run at all */
  const empty = ref(false);
  /** opened without an id: switch to the next run that starts once this one is over */
  const following = ref(false);
  /** performance.now() at the start of the last open, when its first epochs and all of them were in */
  const timing = ref({ openedAt: 0, firstAt: 0, allAt: 0 });
  let token = 0;
  /** a start or finish of this run came in while it loaded: the loaded row may be stale */
  let staleAfterLoad = false;
  const active = computed(() => run.value?.status === 'running' || run.value?.status === 'queued');
  const { cancelling, cancel } = useRunCancel(api, runId, active, error);

  function begin(id: string | null, follow: boolean) {
    timing.value = { openedAt: performance.now(), firstAt: 0, allAt: 0 };
    // start clean even for the same run: redrawing stale records first would only delay the fresh ones
    buffer.reset();
    staleAfterLoad = false;
    loading.value = true;
    error.value = null;
    empty.value = false;
    cancelling.value = false;
    following.value = follow;
    run.value = null;
    progress.value = null;
    runId.value = id;
  }

  async function open(id: string | null, follow = !id) {
    const mine = ++token;
    const current = () => mine === token;
    begin(id, follow);
    try {
      const target = id || (await resolveRun(api));
      if (!current()) return;
      runId.value = target;
      if (!target) return void (empty.value = true);
      await load(target, current);
    } catch (err) {
      if (current()) error.value = (err as Error).message;
    } finally {
      if (current()) loading.value = false;
    }
  }

  async function load(id: string, current: () => boolean) {
    const [detail, a] = await Promise.all([call(api, 'runs.get', { id }), call(api, 'runs.active', {})]);
    if (!current()) return;
    run.value = detail;
    progress.value = a.progress[id] ?? null;
    const { first, rest } = requestEpochs(api, id, detail.epochsDone);
    const head = await first;
    if (!current()) return;
    buffer.epochs.value = head;
    timing.value = { ...timing.value, firstAt: performance.now() };
    const tail = await rest;
    if (!current()) return;
    buffer.mergeLoaded(tail);
    timing.value = { ...timing.value, allAt: performance.now() };
    if (staleAfterLoad) void refresh();
  }

  /** After a run ends: its final row, and any epoch whose event was missed (e.g. socket reconnect). */
  async function refresh() {
    const id = runId.value;
    if (!id) return;
    try {
      const last = buffer.epochs.value.at(-1)?.epoch ?? 0;
      const [detail, missed] = await Promise.all([
        call(api, 'runs.get', { id }),
        call(api, 'runs.epochs', { id, from: last + 1 }),
      ]);
      if (id !== runId.value) return;
      run.value = detail;
      buffer.merge(missed);
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  const markStale = () => void (staleAfterLoad = true);
  useLiveEvents(api, {
    runId,
    run,
    progress,
    loading,
    following,
    cancelling,
    active,
    buffer,
    markStale,
    open,
    refresh,
  });

  const epochs = buffer.epochs;
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

/** Without an id: the running run, else the next queued one, else the newest. */
async function resolveRun(api: ApiClient): Promise<string | null> {
  const a = await call(api, 'runs.active', {});
  const id = a.running[0] ?? a.queued[0];
  if (id) return id;
  const list = await call(api, 'runs.list', { limit: 1, sort: 'created', dir: 'desc' });
  return list.items[0]?.id ?? null;
}

/**
 * Ask for all epoch ranges at once: the service reads them one after the other, so the small
 * first one comes back at once and draws while it reads the rest.
 */
function requestEpochs(api: ApiClient, id: string, done: number) {
  const [first, ...others] = epochRanges(done).map((r) => call(api, 'runs.epochs', { id, ...r }));
  return { first, rest: Promise.all(others).then((parts) => parts.flat()) };
}
