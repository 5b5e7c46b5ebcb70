/**
 * Compare: 2–20 runs loaded by one runs.compare — run details, the config diff, and per run its
 * series column-wise with only the layer statistics on screen as layer × epoch matrices (no
 * histograms; each statistic of 20 runs × 200 epochs × 64 layers is ~6 MB of JSON). A run added
 * later is fetched with runs.compare of the pair [first, new]; a removed one is dropped locally.
 * Which statistics are shown, and fetching one picked later, is composables/compare-fields.ts.
 */
import type { CompareData, CompareLayerField, ConfigDiff } from '@core/api/contract.ts';
import { specDiff } from '@core/api/spec-diff.ts';
import type { RunDetail } from '@core/domain/runs.ts';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { call } from '../api/client.ts';
import { useApi } from '../api/inject.ts';
import { narrowDiff } from '../charts/compare-tables.ts';
import { hasSeedGroups, type BandKind } from '../charts/seed-bands.ts';
import { useCompareFields } from '../composables/compare-fields.ts';
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

export const useCompareStore = defineStore('compare', () => {
  const api = useApi();
  const runs = shallowRef<RunDetail[]>([]);
  const data = shallowRef<Record<string, CompareData>>({});
  const diff = shallowRef<ConfigDiff[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const ids = computed(() => runs.value.map((r) => r.id));
  const fields = useCompareFields(api, { runs, data, loading, error, minRuns: MIN_RUNS });
  const { needed } = fields;
  /** "Group seeds": on by default, and only in effect when ≥ 2 runs shown share a seed group */
  const groupSeeds = ref(true);
  const band = ref<BandKind>('minmax');
  const seedGroups = computed(() => hasSeedGroups(runs.value));
  const grouped = computed(() => groupSeeds.value && seedGroups.value);
  let generation = 0;

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
    groupSeeds,
    band,
    seedGroups,
    grouped,
    choice: fields.choice,
    heatField: fields.heatField,
    fetching: fields.fetching,
    ids,
    hasField: fields.hasField,
    open,
    add,
    remove,
    ensureField: fields.ensureField,
    exportRuns,
    search,
  };
});
