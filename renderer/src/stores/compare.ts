/**
 * Compare: 2–20 runs loaded by one runs.compare — run details, the config diff, and per run its
 * series column-wise with only the layer statistics on screen as layer × epoch matrices (no
 * histograms; each statistic of 20 runs × 200 epochs × 64 layers is ~6 MB of JSON). A run added
 * later is fetched with runs.compare of the pair [first, new]; a removed one is dropped locally;
 * a statistic picked later (overlay or heatmaps) is fetched alone for the runs shown. Holds which
 * series the overlay and the heatmaps show.
 */
import type { CompareData, CompareLayerField, ConfigDiff } from '@core/api/contract.ts';
import { specDiff } from '@core/api/spec-diff.ts';
import type { RunDetail } from '@core/domain/runs.ts';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
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
  return [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

const sameColumns = (a: CompareData, b: CompareData) =>
  a.epochs.join() === b.epochs.join() && a.layers.join('\u0000') === b.layers.join('\u0000');

export const useCompareStore = defineStore('compare', () => {
  const api = useApi();
  const runs = shallowRef<RunDetail[]>([]);
  const data = shallowRef<Record<string, CompareData>>({});
  const diff = shallowRef<ConfigDiff[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const choice = ref<SeriesChoice>({ kind: 'vanishing' });
  /** the statistic the heatmaps show */
  const heatField = ref<CompareLayerField>('gradL2');
  /** layer statistics being fetched for the runs shown */
  const fetching = ref<CompareLayerField[]>([]);
  const ids = computed(() => runs.value.map((r) => r.id));
  /** statistics the view needs now */
  const needed = computed(() => [
    ...new Set<CompareLayerField>([heatField.value, ...(choice.value.kind === 'layer' ? [choice.value.field] : [])]),
  ]);
  let generation = 0;

  /** Whether every run shown has this statistic loaded. */
  const hasField = (field: CompareLayerField) =>
    runs.value.every((r) => data.value[r.id]?.layerStats[field] !== undefined);

  function clear() {
    runs.value = [];
    data.value = {};
    diff.value = [];
  }

  /** Load exactly these runs with one runs.compare (no-op when they are already loaded). */
  async function open(wanted: string[]) {
    if (wanted.join(',') === ids.value.join(',')) return;
    const gen = ++generation;
    error.value = null;
    if (wanted.length < MIN_RUNS || wanted.length > MAX_RUNS) {
      clear();
      if (wanted.length > MAX_RUNS)
        error.value = `Compare takes at most ${MAX_RUNS} runs; ${wanted.length} were given.`;
      return;
    }
    loading.value = true;
    try {
      // only what is on screen: the first draw waits for nothing else
      const res = await call(api, 'runs.compare', { ids: wanted, layerFields: needed.value });
      if (gen !== generation) return;
      data.value = res.data;
      diff.value = res.diff;
      runs.value = res.runs;
    } catch (err) {
      if (gen === generation) error.value = (err as Error).message;
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  /** Add one run: runs.compare of [first, new] with the statistics already loaded; the diff is recomputed here. */
  async function add(id: string) {
    if (ids.value.includes(id) || ids.value.length >= MAX_RUNS || !runs.value.length) return;
    const gen = ++generation;
    loading.value = true;
    try {
      const first = ids.value[0];
      const loaded = Object.keys(data.value[first]?.layerStats ?? {}) as CompareLayerField[];
      const res = await call(api, 'runs.compare', {
        ids: [first, id],
        layerFields: [...new Set([...loaded, ...needed.value])],
      });
      if (gen !== generation) return;
      const run = res.runs.find((r) => r.id === id);
      if (!run || !res.data[id]) throw new Error(`run ${id} did not come back`);
      const next = [...runs.value, run];
      data.value = { ...data.value, [id]: res.data[id] };
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
    loading.value = false;
    const keep = runs.value.map((_, i) => i).filter((i) => i !== at);
    diff.value = narrowDiff(diff.value, keep);
    const { [id]: _gone, ...rest } = data.value;
    data.value = rest;
    runs.value = keep.map((i) => runs.value[i]);
  }

  /** Fetch one layer statistic for the runs shown that lack it; merged into their data when it arrives. */
  async function ensureField(field: CompareLayerField) {
    if (runs.value.length < MIN_RUNS || hasField(field) || fetching.value.includes(field)) return;
    fetching.value = [...fetching.value, field];
    try {
      const res = await call(api, 'runs.compare', { ids: ids.value, layerFields: [field] });
      const next = { ...data.value };
      for (const id of ids.value) {
        const cur = next[id];
        const got = res.data[id];
        if (!got?.layerStats[field] || cur?.layerStats[field]) continue;
        // a run that gained epochs meanwhile: take its fresh data whole; other statistics load again on demand
        next[id] =
          cur && sameColumns(cur, got)
            ? { ...cur, layerStats: { ...cur.layerStats, [field]: got.layerStats[field] } }
            : got;
      }
      data.value = next;
    } catch (err) {
      error.value = (err as Error).message;
      return;
    } finally {
      fetching.value = fetching.value.filter((f) => f !== field);
    }
    // the runs changed while it was on its way: fetch for the newcomers
    if (!hasField(field)) void ensureField(field);
  }

  // whatever the overlay or the heatmaps now show gets loaded (once the runs are)
  watch([needed, runs], () => {
    if (!loading.value) for (const f of needed.value) void ensureField(f);
  });

  const exportRuns = (format: ExportFormat) => call(api, 'runs.export', { ids: ids.value, format });
  /** Runs to offer in "add a run": name / notes / experiment contains `text`, newest first. */
  const search = async (text: string) =>
    (await call(api, 'runs.list', { text: text.trim() || undefined, limit: 12 })).items;

  return {
    runs,
    data,
    diff,
    loading,
    error,
    choice,
    heatField,
    fetching,
    ids,
    hasField,
    open,
    add,
    remove,
    ensureField,
    exportRuns,
    search,
  };
});
