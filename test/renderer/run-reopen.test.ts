// @vitest-environment happy-dom
/** Every stored run reopens: its spec is shown and copyable; Open in Design, Re-run, Clone to sweep. */
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import RunDetails from '../../renderer/src/components/history/RunDetails.vue';
import RunReopen from '../../renderer/src/components/live/RunReopen.vue';
import { fakeApi, globalWith } from './fake-api.ts';
import { makeRun } from './run-fixtures.ts';

async function setup(component: unknown, props: Record<string, unknown>) {
  const fake = fakeApi({ 'runs.start': () => ({ runIds: ['new-run'], experimentId: null }) });
  const blank = { render: () => null };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/design', component: blank },
      { path: '/live/:id?', component: blank },
      { path: '/history', component: blank },
    ],
  });
  await router.push('/history');
  const w = mount(component as never, { props: props as never, global: globalWith(fake.api, [router]) });
  await flushPromises();
  return { w, fake, router };
}

describe('RunReopen', () => {
  const run = makeRun('a', { status: 'completed' });

  it('shows the full spec and copies it as JSON', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { w } = await setup(RunReopen, { run });
    expect(JSON.parse(w.find('[data-testid=run-spec]').text())).toEqual(run.spec);
    await w.find('[data-action=copy-spec]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(JSON.stringify(run.spec, null, 2));
    expect(w.text()).toContain('Copied');
  });

  it('opens the run in Design, and Clone to sweep does the same', async () => {
    const { w, router } = await setup(RunReopen, { run });
    await w.find('[data-action=open-design]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/design?from=a');
    await router.push('/history');
    await w.find('[data-action=clone-sweep]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/design?from=a');
  });

  it('re-runs the same spec as a new run and follows it in Live', async () => {
    const { w, fake, router } = await setup(RunReopen, { run });
    await w.find('[data-action=rerun]').trigger('click');
    await flushPromises();
    expect(fake.inputsOf('runs.start')).toEqual([{ spec: run.spec }]);
    expect(router.currentRoute.value.fullPath).toBe('/live/new-run');
  });

  it('says why a re-run could not start', async () => {
    const { w, fake } = await setup(RunReopen, { run });
    fake.reply('runs.start', () => ({ ok: false, error: { code: 'read_only', message: 'database is read-only' } }));
    await w.find('[data-action=rerun]').trigger('click');
    await flushPromises();
    expect(w.find('[role=alert]').text()).toBe('Re-run failed: database is read-only');
  });
});

describe('History run details', () => {
  it('show the selected run spec, backend report and reopen actions once runs.get answers', async () => {
    const run = makeRun('a', { status: 'completed' });
    const { w } = await setup(RunDetails, { run, load: async () => run });
    expect(w.find('[data-testid=run-reopen]').exists()).toBe(true);
    expect(JSON.parse(w.find('[data-testid=run-spec]').text())).toEqual(run.spec);
    expect(w.find('[data-testid=backend]').text()).toContain(run.backend!.name);
  });
});
