// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { draftKey, parseDraft } from '../../renderer/src/design/draft.ts';
import { makeRun } from './run-fixtures.ts';
import { mountDesign } from './design-mount.ts';
import { makeSpec } from '../unit/store/fixtures/records.ts';

const input = (w: Awaited<ReturnType<typeof mountDesign>>['w'], sel: string) => w.find(sel).element as HTMLInputElement;

describe('the Design draft', () => {
  beforeEach(() => localStorage.clear());

  it('survives a reload, per database', async () => {
    const a = await mountDesign({ dbPath: '/data/a.sqlite' });
    await a.w.find('#f-model-depth').setValue('7');
    await a.w.find('#f-name').setValue('half built');
    a.w.unmount();

    const again = await mountDesign({ dbPath: '/data/a.sqlite' });
    expect(input(again.w, '#f-model-depth').value).toBe('7');
    expect(input(again.w, '#f-name').value).toBe('half built');
    again.w.unmount();

    // another database has its own draft: the defaults here
    const other = await mountDesign({ dbPath: '/data/b.sqlite' });
    expect(input(other.w, '#f-model-depth').value).toBe('4');
    other.w.unmount();
  });

  it('ignores a stored draft that is not one, field by field', () => {
    expect(parseDraft('{not json')).toBeNull();
    expect(parseDraft('[]')).toBeNull();
    const d = parseDraft(
      JSON.stringify({ form: { values: { 'model.depth': 5, epochs: '3' }, tasks: [{ kind: 'nope' }] }, axes: [1] }),
    );
    expect(d?.form.values['model.depth']).toBe('4');
    expect(d?.form.values.epochs).toBe('3');
    expect(d?.form.tasks.map((t) => t.kind)).toEqual(['cls']);
    expect(d?.axes).toEqual([]);
    expect(draftKey('/x')).not.toBe(draftKey('/y'));
  });

  it('asks before a preset replaces a hand-built form; Cancel keeps it, Undo brings it back', async () => {
    const { w } = await mountDesign();
    // an untouched form is replaced without a question
    await w.find('[data-preset="relu-he-control"]').trigger('click');
    expect(w.find('dialog[open]').exists()).toBe(false);
    await w.find('#f-model-depth').setValue('9');
    await w.find('[data-preset="seed-cnn-cls-seg"]').trigger('click');
    await flushPromises();
    expect(w.find('dialog[open]').text()).toMatch(/Replace the form\?.*seed CNN/s);
    await w.find('dialog[open] [data-test="cancel"]').trigger('click');
    expect(input(w, '#f-model-depth').value).toBe('9');

    await w.find('[data-preset="seed-cnn-cls-seg"]').trigger('click');
    await w.find('dialog[open] [data-test="confirm"]').trigger('click');
    expect(input(w, '#f-model-depth').value).toBe('2');
    expect(w.find('[data-testid="replaced"]').text()).toMatch(/replaced by seed CNN/);
    await w.find('[data-action="undo"]').trigger('click');
    expect(input(w, '#f-model-depth').value).toBe('9');
    expect(w.find('[data-testid="replaced"]').exists()).toBe(false);
    w.unmount();
  });

  it('Enter in a field never starts a run; Ctrl+Enter and Cmd+Enter do', async () => {
    const { w, inputsOf, router } = await mountDesign();
    const name = w.find('#f-name');
    await name.setValue('x');
    const enter = await name.trigger('keydown', { key: 'Enter' });
    await w.find('form').trigger('submit');
    await flushPromises();
    expect(enter).toBeUndefined();
    expect(inputsOf('runs.start')).toHaveLength(0);
    expect(router.currentRoute.value.fullPath).toBe('/design');

    await w.find('#f-model-depth').trigger('keydown', { key: 'Enter', ctrlKey: true });
    await flushPromises();
    expect(inputsOf('runs.start')).toHaveLength(1);
    expect(router.currentRoute.value.fullPath).toBe('/live/r1');
    w.unmount();

    const mac = await mountDesign();
    await mac.w.find('#f-epochs').trigger('keydown', { key: 'Enter', metaKey: true });
    await flushPromises();
    expect(mac.inputsOf('runs.start')).toHaveLength(1);
    mac.w.unmount();
  });
});

describe('Open in Design (#/design?from=<runId>)', () => {
  beforeEach(() => localStorage.clear());

  it("fills the form with the run's stored spec, over the saved draft, and drops the query", async () => {
    const first = await mountDesign();
    await first.w.find('#f-model-depth').setValue('7');
    first.w.unmount();

    const spec = makeSpec({ name: 'stored', model: { depth: 3, width: 24 }, epochs: 5 });
    const { w, router, inputsOf } = await mountDesign({ runs: [makeRun('r9', { spec })], at: '/design?from=r9' });
    expect(inputsOf('runs.get')).toEqual([{ id: 'r9' }]);
    expect(input(w, '#f-model-depth').value).toBe('3');
    expect(input(w, '#f-model-width').value).toBe('24');
    expect(input(w, '#f-epochs').value).toBe('5');
    expect(router.currentRoute.value.fullPath).toBe('/design');
    // the draft it replaced is one Undo away
    await w.find('[data-action="undo"]').trigger('click');
    expect(input(w, '#f-model-depth').value).toBe('7');
    w.unmount();
  });

  it('says so when the run cannot be read, and keeps the form', async () => {
    const { w } = await mountDesign({ at: '/design?from=missing' });
    expect(w.text()).toContain('Could not open run missing');
    expect(input(w, '#f-model-depth').value).toBe('4');
    w.unmount();
  });
});
