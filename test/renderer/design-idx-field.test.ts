// @vitest-environment happy-dom
/** Design's IDX file fields: the service checks the file as it is typed; the desktop app adds a file picker. */
import type { DataCheck, DesktopApi, Input } from '@core/api/contract.ts';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { DESKTOP_KEY } from '../../renderer/src/api/desktop.ts';
import FieldSection from '../../renderer/src/components/design/FieldSection.vue';
import { IDX_CHECK_DELAY } from '../../renderer/src/composables/idx-check.ts';
import { mountDesign } from './design-mount.ts';
import { fakeApi, globalWith } from './fake-api.ts';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const afterQuiet = async () => (await wait(IDX_CHECK_DELAY + 50), await flushPromises());

/** The service's answer, as data.check gives it, for a few known files. */
function check({ path, kind }: Input<'data.check'>): DataCheck {
  if (path === '/data/train-images') return { ok: true, path, kind, dims: [60000, 28, 28], count: 60000, bytes: 1 };
  if (path === '/data/train-labels') return { ok: true, path, kind, dims: [60000], count: 60000, bytes: 1 };
  return { ok: false, path, kind, problem: 'file not found' };
}

afterEach(() => (document.body.innerHTML = ''));

describe('in the browser (serve mode)', () => {
  it('checks the typed path once typing pauses and shows shape and count, or what is wrong; no Browse', async () => {
    const { w, inputsOf } = await mountDesign({ replies: { 'data.check': check } });
    await w.get('#f-data-kind').setValue('idx');
    const images = w.get('#f-data-images');
    await images.setValue('/data/tr');
    await images.setValue('/data/train-images');
    await afterQuiet();
    // one request, for the path typed last
    expect(inputsOf('data.check')).toEqual([{ path: '/data/train-images', kind: 'images' }]);
    const status = w.get('[data-idx-field="data.images"] [data-testid=idx-check]');
    expect(status.attributes('role')).toBe('status');
    expect(status.text()).toBe('✓ 60,000 images, 28×28');

    await w.get('#f-data-labels').setValue('/data/missing');
    await afterQuiet();
    expect(inputsOf('data.check').at(-1)).toEqual({ path: '/data/missing', kind: 'labels' });
    expect(w.get('[data-idx-field="data.labels"] [data-testid=idx-check]').text()).toBe('✗ file not found');
    expect(w.find('[data-testid=browse]').exists()).toBe(false);
  });

  it("shows the service's refusal (e.g. outside serve's data folders)", async () => {
    const problem = 'is outside the data folders this server may read (/srv/data)';
    const { w } = await mountDesign({
      replies: { 'data.check': ({ path, kind }) => ({ ok: false, path, kind, problem }) },
    });
    await w.get('#f-data-kind').setValue('idx');
    await w.get('#f-data-images').setValue('/etc/passwd');
    await afterQuiet();
    expect(w.get('[data-idx-field="data.images"] [data-testid=idx-check]').text()).toBe(`✗ ${problem}`);
  });
});

describe('in the desktop app', () => {
  it('Browse… opens the native picker for the right kind and fills the field, which is then checked', async () => {
    const asked: string[] = [];
    const desktop: DesktopApi = {
      pickDataFile: async (kind) => (asked.push(kind), kind === 'labels' ? '/data/train-labels' : null),
      openDatabase: async () => false,
    };
    const fake = fakeApi({ 'data.check': check });
    const values = {
      ...{ 'data.kind': 'idx', 'data.images': '', 'data.labels': '', 'data.valImages': '', 'data.valLabels': '' },
      ...{ 'data.validationSplit': '0.1', 'data.limit': '', 'data.maskThreshold': '0.5' },
    };
    const w = mount(FieldSection, {
      props: { section: 'data', title: 'Data', values, taskCount: 1, issues: {} },
      global: {
        ...globalWith(fake.api),
        provide: { ...globalWith(fake.api).provide, [DESKTOP_KEY as symbol]: desktop },
      },
    });
    const browse = w.findAll('[data-testid=browse]');
    // images, labels, validation images, validation labels
    expect(browse).toHaveLength(4);
    await w.get('[data-idx-field="data.labels"] [data-testid=browse]').trigger('click');
    await flushPromises();
    expect(asked).toEqual(['labels']);
    expect(w.emitted('update')).toEqual([['data.labels', '/data/train-labels']]);
    // a cancelled picker changes nothing
    await w.get('[data-idx-field="data.images"] [data-testid=browse]').trigger('click');
    await flushPromises();
    expect(w.emitted('update')).toHaveLength(1);

    await w.setProps({ values: { ...values, 'data.labels': '/data/train-labels' } });
    await afterQuiet();
    expect(fake.inputsOf('data.check')).toEqual([{ path: '/data/train-labels', kind: 'labels' }]);
    expect(w.get('[data-idx-field="data.labels"] [data-testid=idx-check]').text()).toBe('✓ 60,000 labels');
  });
});
