/**
 * Compare: 2–20 runs with all their epochs, loaded by one runs.compare; a run added later is
 * fetched alone (runs.get + runs.epochs) and a removed one is dropped locally, so the set can
 * change without reloading everything. Holds which series the overlay shows.
 */
import type { ConfigDiff } from '@core/api/contract.ts';
import { specDiff } from '@core/api/spec-diff.ts';
import type { RunDetail } from '@core/store/types.ts';
import type { EpochRecord } from '@core/train/records.ts';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { call } from '../api/client.ts';
import { useApi } from '../api/inject.ts';
import { narrowDiff } from '../charts/compare-tables.ts';
import type { SeriesChoice } from '../charts/compare-series.ts';
import type { ExportFormat } from './runs.ts';

export const MIN_RUNS = 2;
export const MAX_RUNS = 20;

/** "a,b,,a" → ["a", "b"] (unique, in order) */
export function parseIds(text: unknown): string[] {
  const raw = Array.isArray(text) ? text.join(',') : typeof text === 'string' ? text : '';
  return [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
}

export const useCompareStore = defineStore('compare', () => {
  const api = useApi();
  const runs = shallowRef<RunDetail[]>([]);
  const epochs = shallowRef<Record<string, EpochRecord[]>>({});
  const diff = shallowRef<ConfigDiff[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const choice = ref<SeriesChoice>({ kind: 'vanishing' });
  const ids = computed(() => runs.value.map((r) => r.id));
  let generation = 0;

  /** Load exactly these runs with one runs.compare (no-op when they are already loaded). */
  async function open(wanted: string[]) {
    if (wanted.join(',') === ids.value.join(',')) return;
    const gen = ++generation;
    error.value = null;
    if (wanted.length < MIN_RUNS || wanted.length > MAX_RUNS) {
      runs.value = [];
      epochs.value = {};
      diff.value = [];
      if (wanted.length > MAX_RUNS) error.value = `Compare takes at most ${MAX_RUNS} runs; ${wanted.length} were given.`;
      return;
    }
    loading.value = true;
    try {
      const res = await call(api, 'runs.compare', { ids: wanted });
      if (gen !== generation) return;
      epochs.value = res.epochs;
      diff.value = res.diff;
      runs.value = res.runs;
    } catch (err) {
      if (gen === generation) error.value = (err as Error).message;
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  async function add(id: string) {
    if (ids.value.includes(id) || ids.value.length >= MAX_RUNS) return;
    const gen = ++generation;
    loading.value = true;
    try {
      const [run, list] = await Promise.all([call(api, 'runs.get', { id }), call(api, 'runs.epochs', { id })]);
      if (gen !== generation) return;
      const next = [...runs.value, run];
      epochs.value = { ...epochs.value, [id]: list };
      diff.value = specDiff(next.map((r) => r.spec));
      runs.value = next;
    } catch (err) {
      if (gen === generation) error.value = (err as Error).message;
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  /** Drop a run locally; Compare keeps at least two. */
  function remove(id: string) {
    const at = ids.value.indexOf(id);
    if (at < 0 || runs.value.length <= MIN_RUNS) return;
    generation++;
    const keep = runs.value.map((_, i) => i).filter((i) => i !== at);
    diff.value = narrowDiff(diff.value, keep);
    const { [id]: _gone, ...rest } = epochs.value;
    epochs.value = rest;
    runs.value = keep.map((i) => runs.value[i]);
  }

  const exportRuns = (format: ExportFormat) => call(api, 'runs.export', { ids: ids.value, format });
  /** Runs to offer in "add a run": name / notes / experiment contains `text`, newest first. */
  const search = async (text: string) => (await call(api, 'runs.list', { text: text.trim() || undefined, limit: 12 })).items;

  return { runs, epochs, diff, loading, error, choice, ids, open, add, remove, exportRuns, search };
});
