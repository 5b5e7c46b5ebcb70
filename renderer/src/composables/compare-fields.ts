/**
 * Which layer statistics Compare shows (the overlay's choice, the heatmaps' field) and fetching a
 * statistic picked later: alone, for the runs shown that lack it, merged into their data.
 */
import type { ApiClient, CompareData, CompareLayerField } from '@core/api/contract.ts';
import type { RunDetail } from '@core/domain/runs.ts';
import { computed, ref, watch, type Ref, type ShallowRef } from 'vue';
import { call } from '../api/client.ts';
import { keepOrReset, type SeriesChoice } from '../charts/compare-choices.ts';

export interface CompareLoaded {
  runs: ShallowRef<RunDetail[]>;
  data: ShallowRef<Record<string, CompareData>>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
  minRuns: number;
}

const sameColumns = (a: CompareData, b: CompareData) =>
  a.epochs.join() === b.epochs.join() && a.layers.join('\u0000') === b.layers.join('\u0000');

export function useCompareFields(api: ApiClient, { runs, data, loading, error, minRuns }: CompareLoaded) {
  const choice = ref<SeriesChoice>({ kind: 'vanishing' });
  /** the statistic the heatmaps show */
  const heatField = ref<CompareLayerField>('gradL2');
  /** layer statistics being fetched for the runs shown */
  const fetching = ref<CompareLayerField[]>([]);
  /** statistics the view needs now */
  const needed = computed(() => [
    ...new Set<CompareLayerField>([heatField.value, ...(choice.value.kind === 'layer' ? [choice.value.field] : [])]),
  ]);

  /** Whether every run shown has this statistic loaded. */
  const hasField = (field: CompareLayerField) =>
    runs.value.every((r) => data.value[r.id]?.layerStats[field] !== undefined);

  /** Fetch one layer statistic for the runs shown that lack it; merged into their data when it arrives. */
  async function ensureField(field: CompareLayerField) {
    if (runs.value.length < minRuns || hasField(field) || fetching.value.includes(field)) return;
    fetching.value = [...fetching.value, field];
    try {
      const ids = runs.value.map((r) => r.id);
      const res = await call(api, 'runs.compare', { ids, layerFields: [field] });
      data.value = merged(
        data.value,
        res.data,
        field,
        runs.value.map((r) => r.id),
      );
    } catch (err) {
      error.value = (err as Error).message;
      return;
    } finally {
      fetching.value = fetching.value.filter((f) => f !== field);
    }
    // the runs changed while it was on its way: fetch for the newcomers
    if (!hasField(field)) void ensureField(field);
  }

  // a new run set may lack the chosen task, metric or layer (the store outlives the view): fall back
  // before the chart draws, rather than an empty chart under a stale title
  watch(
    data,
    (d) => {
      const next = keepOrReset(choice.value, d);
      if (next !== choice.value) choice.value = next;
    },
    { flush: 'sync' },
  );

  // whatever the overlay or the heatmaps now show gets loaded (once the runs are)
  watch([needed, runs], () => {
    if (!loading.value) for (const f of needed.value) void ensureField(f);
  });

  return { choice, heatField, fetching, needed, hasField, ensureField };
}

/** `field` of the fetched data merged into `cur` for `ids`; a run that gained epochs meanwhile is taken whole. */
function merged(
  cur: Record<string, CompareData>,
  got: Record<string, CompareData>,
  field: CompareLayerField,
  ids: string[],
): Record<string, CompareData> {
  const next = { ...cur };
  for (const id of ids) {
    const have = next[id];
    const fresh = got[id];
    if (!fresh?.layerStats[field] || have?.layerStats[field]) continue;
    // other statistics of a run taken whole load again on demand
    next[id] =
      have && sameColumns(have, fresh)
        ? { ...have, layerStats: { ...have.layerStats, [field]: fresh.layerStats[field] } }
        : fresh;
  }
  return next;
}
