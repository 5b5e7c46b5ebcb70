// @vitest-environment happy-dom
/** Settings → Remote queue, the "Run on" choice, and the "trained on" label. */
import type { RemoteStatus } from '@core/api/contract.ts';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { ref } from 'vue';
import TrainedOn from '../../renderer/src/components/common/TrainedOn.vue';
import StartPanel from '../../renderer/src/components/design/StartPanel.vue';
import RemoteQueueSettings from '../../renderer/src/components/settings/RemoteQueueSettings.vue';
import { useDesignStart } from '../../renderer/src/composables/design-start.ts';
import { runOn } from '../../renderer/src/composables/remote-queue.ts';
import { makeSpec } from '../unit/store/fixtures/records.ts';
import { fakeApi, globalWith } from './fake-api.ts';

const OFF: RemoteStatus = { configured: false, url: null, tls: false, isDefault: false, openRuns: 0 };
const ON: RemoteStatus = { configured: true, url: 'redis://box:6379', tls: false, isDefault: false, openRuns: 2 };
const startProps = {
  runs: 1,
  canStart: true,
  starting: null,
  issues: {},
  axisErrors: 0,
  started: null,
  error: null,
  note: null,
};

beforeEach(() => {
  localStorage.clear();
  runOn.value = 'local';
});

describe('RemoteQueueSettings', () => {
  it('sets the queue with URL, password and TLS, and keeps only URL and TLS in storage', async () => {
    const f = fakeApi({ 'remote.status': () => OFF, 'remote.configure': () => ON });
    const w = mount(RemoteQueueSettings, { global: globalWith(f.api) });
    await flushPromises();
    expect(w.get('[data-testid=remote-state]').text()).toMatch(/not set/);
    await w.get('input[name=url]').setValue('redis://box:6379');
    await w.get('input[name=password]').setValue('hunter2');
    await w.get('input[name=tls]').setValue(true);
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(f.inputsOf('remote.configure')).toEqual([{ url: 'redis://box:6379', password: 'hunter2', tls: true }]);
    expect(w.get('[data-testid=remote-state]').text()).toMatch(/set · 2 remote runs open/);
    expect(localStorage.getItem('gradient-workbench.remote-queue')).toBe('{"url":"redis://box:6379","tls":true}');
    expect((w.get('input[name=password]').element as HTMLInputElement).value).toBe('');
  });

  it("shows the service's refusal, and a restarted service gets the kept queue back", async () => {
    const refusal = {
      ok: false as const,
      error: { code: 'invalid_argument' as const, field: 'url', message: 'redis: the URL must start with redis://' },
    };
    const f = fakeApi({ 'remote.status': () => OFF, 'remote.configure': () => refusal });
    const w = mount(RemoteQueueSettings, { global: globalWith(f.api) });
    await flushPromises();
    await w.get('input[name=url]').setValue('http://box');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(w.get('[role=alert]').text()).toMatch(/must start with redis:\/\//);

    localStorage.setItem('gradient-workbench.remote-queue', '{"url":"redis://box:6379","tls":false}');
    const g = fakeApi({ 'remote.status': () => OFF, 'remote.configure': () => ON });
    mount(RemoteQueueSettings, { global: globalWith(g.api) });
    await flushPromises();
    expect(g.inputsOf('remote.configure')).toEqual([{ url: 'redis://box:6379', tls: false }]);
  });
});

describe('Run on', () => {
  it('offers the remote queue only once one is set', async () => {
    const f = fakeApi({ 'remote.status': () => OFF });
    const w = mount(StartPanel, { props: startProps, global: { ...globalWith(f.api), stubs: { RouterLink: true } } });
    await flushPromises();
    expect(w.get('input[value=remote]').attributes('disabled')).toBeDefined();
    f.reply('remote.status', () => ON);
    const v = mount(StartPanel, { props: startProps, global: { ...globalWith(f.api), stubs: { RouterLink: true } } });
    await flushPromises();
    await v.get('input[value=remote]').setValue(true);
    expect(runOn.value).toBe('remote');
  });

  it('Design starts runs where the choice says', async () => {
    const f = fakeApi({ 'runs.start': () => ({ runIds: ['r1'], experimentId: null }) });
    const src = {
      spec: () => makeSpec(),
      sweep: () => ({}),
      description: () => '',
      repeat: () => 1,
      canStart: () => true,
      error: ref(null),
    };
    const d = useDesignStart(f.api, src);
    runOn.value = 'remote';
    await d.start('queue');
    expect(f.inputsOf('runs.start')[0]).toMatchObject({ on: 'remote', spec: makeSpec() });
  });
});

describe('TrainedOn', () => {
  it('names the worker and a retry; says nothing for a run trained here', () => {
    const remote = mount(TrainedOn, { props: { run: { remote: true, machine: 'gpu-1', attempts: 2 } } });
    expect(remote.text()).toBe('on gpu-1 · attempt 2');
    expect(mount(TrainedOn, { props: { run: { remote: true, machine: null, attempts: 0 } } }).text()).toBe(
      'remote queue',
    );
    expect(mount(TrainedOn, { props: { run: { remote: false, machine: null, attempts: 0 } } }).html()).not.toMatch(
      /trained-on/,
    );
  });
});
