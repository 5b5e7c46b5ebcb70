/**
 * The epochs of the run on screen, and those that came by `run.epoch` event and wait to be merged:
 * merged in batches (at most one per `batchMs`) so charts redraw once for a burst, never per event.
 */
import type { EpochRecord } from '@core/domain/records.ts';
import { onScopeDispose, shallowRef } from 'vue';
import { createBatcher, mergeEpochs } from '../charts/live-data.ts';

export function useLiveEpochs(batchMs: number) {
  const epochs = shallowRef<EpochRecord[]>([]);
  let pending: EpochRecord[] = [];
  const batcher = createBatcher(() => {
    epochs.value = mergeEpochs(epochs.value, pending);
    pending = [];
  }, batchMs);
  // a disposed store must not redraw
  onScopeDispose(() => batcher.cancel());

  return {
    epochs,
    /** An epoch from an event; `hold` while the run loads: the load's last range takes it along. */
    push(record: EpochRecord, hold: boolean) {
      pending.push(record);
      if (!hold) batcher.schedule();
    },
    flush: () => batcher.flush(),
    /** Start clean for another open: no epochs, nothing waiting. */
    reset() {
      batcher.cancel();
      pending = [];
      epochs.value = [];
    },
    /** Merge loaded records together with whatever arrived by event meanwhile. */
    mergeLoaded(records: EpochRecord[]) {
      epochs.value = mergeEpochs(epochs.value, [...records, ...pending]);
      pending = [];
    },
    merge(records: EpochRecord[]) {
      epochs.value = mergeEpochs(epochs.value, records);
    },
  };
}

export type LiveEpochs = ReturnType<typeof useLiveEpochs>;
