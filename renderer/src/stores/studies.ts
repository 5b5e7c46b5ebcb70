/**
 * Studies: the built-in studies (studies.list), the past study runs (studies.runs), and the one
 * study run on screen (studies.result), which composables/study-follow.ts keeps fresh as its runs
 * train and end, so the verdict panel fills in while the study runs.
 */
import type { StudyInfo, StudyResult, StudyRunSummary, StudySize } from '@core/domain/studies.ts';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { call } from '../api/client.ts';
import { useApi } from '../api/inject.ts';
import { useStudyFollow } from '../composables/study-follow.ts';

export const useStudiesStore = defineStore('studies', () => {
  const api = useApi();
  const studies = shallowRef<StudyInfo[]>([]);
  const pastRuns = shallowRef<StudyRunSummary[]>([]);
  const result = shallowRef<StudyResult | null>(null);
  const selected = ref<string | null>(null);
  const size = ref<StudySize>('quick');
  /** null: the study's own seed count for the chosen size */
  const seeds = ref<number | null>(null);
  const loading = ref(false);
  const starting = ref(false);
  const error = ref<string | null>(null);

  const info = computed(() => studies.value.find((s) => s.name === selected.value) ?? null);
  const running = computed(() => result.value?.status === 'running');
  const follow = useStudyFollow(api, result, (id) => void refetch(id));

  async function load() {
    loading.value = true;
    error.value = null;
    try {
      const [list, runs] = await Promise.all([call(api, 'studies.list', {}), call(api, 'studies.runs', {})]);
      studies.value = list;
      pastRuns.value = runs;
      if (!selected.value && list.length) selected.value = list[0].name;
    } catch (err) {
      error.value = `Could not load the studies: ${(err as Error).message}`;
    } finally {
      loading.value = false;
    }
  }

  function select(name: string) {
    selected.value = name;
    seeds.value = null;
  }

  const loadPastRuns = () =>
    call(api, 'studies.runs', {})
      .then((r) => (pastRuns.value = r))
      .catch((err: Error) => (error.value = `Could not list past study runs: ${err.message}`));

  /** Show a study run (a past one, or the one just started); its study becomes the one selected. */
  async function open(id: string) {
    error.value = null;
    try {
      const r = await call(api, 'studies.result', { id });
      const previous = result.value?.id ?? null;
      result.value = r;
      selected.value = r.study;
      follow.fetched(previous);
    } catch (err) {
      error.value = `Could not open study run ${id}: ${(err as Error).message}`;
    }
  }

  /** A run of it ended: fresh numbers, and once the study run is over, a fresh list of past runs. */
  async function refetch(id: string) {
    await open(id);
    if (result.value?.id === id && result.value.status !== 'running') await loadPastRuns();
  }

  /** Run the selected study at the chosen size and seeds; the verdict panel follows it. */
  async function run() {
    if (!info.value) return;
    starting.value = true;
    error.value = null;
    try {
      const input = {
        name: info.value.name,
        size: size.value,
        ...(seeds.value !== null ? { seeds: seeds.value } : {}),
      };
      const { studyRunId } = await call(api, 'studies.run', input);
      await open(studyRunId);
      void loadPastRuns();
    } catch (err) {
      error.value = `Could not start ${info.value.name}: ${(err as Error).message}`;
    } finally {
      starting.value = false;
    }
  }

  return {
    studies,
    pastRuns,
    result,
    selected,
    size,
    seeds,
    loading,
    starting,
    error,
    info,
    running,
    fraction: follow.fraction,
    load,
    select,
    open,
    run,
    loadPastRuns,
  };
});
