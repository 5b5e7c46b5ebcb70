// @vitest-environment happy-dom
/** Live as a person sees it: the epoch count, runs that ended early, switching between parallel runs. */
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { API_KEY } from '../../renderer/src/api/inject.ts';
import { useAppStore } from '../../renderer/src/stores/app.ts';
import LiveView from '../../renderer/src/views/LiveView.vue';
import { makeEpoch, makePartialEpoch } from '../unit/store/fixtures/records.ts';
import { fakeApi } from './fake-api.ts';
import { type FakeState, makeRun, runReplies } from './run-fixtures.ts';

const progress = (runId: string, epoch: number) => ({
  runId,
  epoch,
  epochs: 6,
  batch: 4,
  batches: 10,
  loss: 0.5,
  fraction: (epoch - 1 + 0.4) / 6,
  elapsedMs: 1000,
  etaMs: 2000,
});

async function mountLive(state: FakeState, id: string) {
  const fake = fakeApi(runReplies(state));
  fake.reply('runs.active', () => ({
    running: state.running,
    queued: state.queued,
    progress: Object.fromEntries(state.running.map((r) => [r, progress(r, 3)])),
  }));
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/live/:id?', name: 'live', component: LiveView, props: true },
      { path: '/design', component: { render: () => null } },
    ],
  });
  await router.push(`/live/${id}`);
  const pinia = createPinia();
  const w = mount(LiveView, {
    props: { id },
    global: {
      plugins: [pinia, router],
      provide: { [API_KEY as symbol]: fake.api },
      // no canvas in happy-dom; the charts have their own tests
      stubs: { LayerHeatmap: true, HealthBand: true, LiveCurves: true },
    },
  });
  await flushPromises();
  return { w, fake, router, app: useAppStore(pinia) };
}

describe('LiveView', () => {
  it('says the same epoch in the header as on the progress bar, with no timing string', async () => {
    const run = makeRun('a', { epochsPlanned: 6, epochsDone: 2 });
    const { w } = await mountLive(
      { runs: [run], epochs: { a: [makeEpoch(1), makeEpoch(2)] }, running: ['a'], queued: [] },
      'a',
    );
    expect(w.find('[data-testid=run-epoch]').text()).toBe('epoch 3/6');
    expect(w.find('.progress-panel').text()).toContain('epoch 3/6');
    expect(w.text()).not.toContain('drawn in');
    expect(w.find('[data-testid=run-reopen]').exists()).toBe(true); // spec and reopen actions, as in History
  });

  it('counts stored epochs once the run is over', async () => {
    const run = makeRun('a', { epochsPlanned: 6, epochsDone: 6, status: 'completed' });
    const epochs = Array.from({ length: 6 }, (_, i) => makeEpoch(i + 1));
    const { w } = await mountLive({ runs: [run], epochs: { a: epochs }, running: [], queued: [] }, 'a');
    expect(w.find('[data-testid=run-epoch]').text()).toBe('epoch 6/6');
  });

  it('a diverged run counts its full epochs and names the partial one in the header', async () => {
    const run = makeRun('a', { epochsPlanned: 6, epochsDone: 2, status: 'diverged', error: 'loss became NaN' });
    const epochs = [makeEpoch(1), makeEpoch(2), makePartialEpoch(3, 7)];
    const { w } = await mountLive({ runs: [run], epochs: { a: epochs }, running: [], queued: [] }, 'a');
    expect(w.find('[data-testid=run-epoch]').text()).toBe('epoch 2/6');
    expect(w.find('[data-testid=run-partial]').text()).toContain(
      'partial: diverged at batch 7 of epoch 3 (6 of 32 batches finished)',
    );
    expect(w.find('.progress-panel').text()).toContain('2 of 6 epochs stored, and the partial epoch it diverged in');
  });

  it('a run that diverged in its first epoch charts that partial epoch instead of saying none finished', async () => {
    const run = makeRun('a', { epochsPlanned: 6, status: 'diverged', error: 'loss became NaN' });
    const { w } = await mountLive(
      { runs: [run], epochs: { a: [makePartialEpoch(1, 3)] }, running: [], queued: [] },
      'a',
    );
    expect(w.find('[data-testid=no-epochs]').exists()).toBe(false);
    expect(w.findComponent({ name: 'LiveCurves' }).exists()).toBe(true);
    expect(w.find('[data-testid=run-partial]').text()).toContain('partial: diverged at batch 3 of epoch 1');
  });

  it.each([
    ['diverged', 'diverged (its loss became NaN or Inf) before its first epoch finished'],
    ['failed', 'failed before its first epoch finished'],
  ] as const)('a %s run with no epoch says it ended, not that charts are coming', async (status, said) => {
    const run = makeRun('a', { status, error: 'loss became NaN at batch 3' });
    const { w } = await mountLive({ runs: [run], epochs: {}, running: [], queued: [] }, 'a');
    const text = w.find('[data-testid=no-epochs]').text();
    expect(text).toContain(said);
    expect(text).not.toContain('No epoch finished yet');
  });

  it('switches between two runs that train in parallel', async () => {
    const state: FakeState = {
      runs: [makeRun('a', { name: 'sigmoid' }), makeRun('b', { name: 'relu' })],
      epochs: {},
      running: ['a', 'b'],
      queued: [],
    };
    const { w, router, app } = await mountLive(state, 'a');
    await app.refreshActive();
    await flushPromises();
    const links = w.findAll('[data-testid=active-runs] a');
    expect(links.map((l) => l.text())).toEqual(['sigmoid running', 'relu running']);
    expect(links[0].attributes('aria-current')).toBe('page');
    await links[1].trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/live/b');
  });

  it('shows no switcher with only the open run active', async () => {
    const state: FakeState = { runs: [makeRun('a')], epochs: {}, running: ['a'], queued: [] };
    const { w, app } = await mountLive(state, 'a');
    await app.refreshActive();
    await flushPromises();
    expect(w.find('[data-testid=active-runs]').exists()).toBe(false);
  });

  it('asks before cancelling a run, and cancels only on confirm', async () => {
    const state: FakeState = { runs: [makeRun('a', { name: 'sigmoid' })], epochs: {}, running: ['a'], queued: [] };
    const { w, fake } = await mountLive(state, 'a');
    await w.find('[data-action=cancel]').trigger('click');
    await flushPromises();
    const dialog = w.find('dialog');
    expect(dialog.text()).toContain('Stop training “sigmoid”?');
    await dialog.find('[data-test=cancel]').trigger('click'); // Keep training
    await flushPromises();
    expect(fake.inputsOf('runs.cancel')).toEqual([]);
    await w.find('[data-action=cancel]').trigger('click');
    await flushPromises();
    await w.find('dialog [data-test=confirm]').trigger('click');
    await flushPromises();
    expect(fake.inputsOf('runs.cancel')).toEqual([{ id: 'a' }]);
  });
});
