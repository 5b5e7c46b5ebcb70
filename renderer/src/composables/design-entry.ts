/**
 * How the Design form is entered: the database's saved draft comes back once the app knows which
 * database it has, and `#/design?from=<runId>` fills the form with that run's stored spec
 * (Open in Design) instead. The query is dropped once used, so a reload keeps later edits.
 */
import { watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { call } from '../api/client.ts';
import { useApi } from '../api/inject.ts';
import { useAppStore } from '../stores/app.ts';
import { useDesignStore } from '../stores/design.ts';

export function useDesignEntry(onLoaded: (text: string) => void) {
  const api = useApi();
  const app = useAppStore();
  const d = useDesignStore();
  const route = useRoute();
  const router = useRouter();
  const fromRun = () => (typeof route.query.from === 'string' && route.query.from ? route.query.from : null);

  watch(
    () => app.info?.dbPath,
    (dbPath) => dbPath && d.attachDraft(dbPath),
    { immediate: true },
  );

  async function openRun(id: string) {
    try {
      const run = await call(api, 'runs.get', { id });
      d.loadSpec(run.spec, `the spec of run “${run.name || id.slice(0, 8)}”`);
      onLoaded(`Opened run “${run.name || id.slice(0, 8)}” in Design`);
    } catch (err) {
      d.error = `Could not open run ${id}: ${(err as Error).message}`;
    }
    await router.replace({ path: route.path, query: {} });
  }
  watch(fromRun, (id) => id && void openRun(id), { immediate: true });
}
