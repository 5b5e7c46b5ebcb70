// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { mountDesign } from './design-mount.ts';

describe('Design view', () => {
  // each test starts from no saved draft
  beforeEach(() => localStorage.clear());

  it('fills the form with the defaults and lists the presets', async () => {
    const { w } = await mountDesign();
    expect((w.find('#f-model-depth').element as HTMLInputElement).value).toBe('4');
    expect(w.findAll('[data-preset]').map((b) => b.attributes('data-preset'))).toEqual([
      'seed-cnn-cls-seg',
      'lambda-sweep',
      'vanishing-sigmoid-mlp',
      'relu-he-control',
      'deep-supervision',
    ]);
    expect(w.find('[data-box="head.cls"]').exists()).toBe(true);
    w.unmount();
  });

  it('validates as one types: error next to the field, named, aria-invalid, Run disabled', async () => {
    const { w, calls } = await mountDesign();
    await w.find('#f-model-depth').setValue('100');
    const field = w.find('[data-field="model.depth"]');
    expect(field.find('input').attributes('aria-invalid')).toBe('true');
    expect(field.find('.field-error').text()).toMatch(/^Depth \(trunk layers\): .*64/);
    expect(field.find('input').attributes('aria-describedby')).toContain('f-model-depth-err');
    expect(w.find('[data-action="run"]').attributes('disabled')).toBeDefined();
    await w.find('form').trigger('submit');
    expect(calls.some((c) => c.method === 'runs.start')).toBe(false);
    w.unmount();
  });

  it('shows λ only for two tasks under fixed weighting, and presets fill the form', async () => {
    const { w } = await mountDesign();
    expect(w.find('#f-weighting-lambda').exists()).toBe(false);
    await w.find('[data-preset="seed-cnn-cls-seg"]').trigger('click');
    expect((w.find('#f-weighting-lambda').element as HTMLInputElement).value).toBe('0.5');
    expect((w.find('#f-model-trunk').element as HTMLSelectElement).value).toBe('cnn');
    await w.find('#f-weighting-method').setValue('dwa');
    expect(w.find('#f-weighting-lambda').exists()).toBe(false);
    // the form was edited by hand: the preset asks before replacing it
    await w.find('[data-preset="lambda-sweep"]').trigger('click');
    await w.find('dialog[open] [data-test="confirm"]').trigger('click');
    expect(w.find('[data-testid="run-count"]').text()).toBe('5 runs');
    w.unmount();
  });

  it('Run starts the spec and opens the live view of the first run', async () => {
    const { w, calls, router } = await mountDesign();
    await w.find('[data-action="run"]').trigger('click');
    await flushPromises();
    expect(calls.find((c) => c.method === 'runs.start')?.input.spec.model.depth).toBe(4);
    expect(router.currentRoute.value.fullPath).toBe('/live/r1');
    w.unmount();
  });

  it('Queue starts a sweep as an experiment, stays, and confirms with links', async () => {
    const { w, calls, router } = await mountDesign();
    await w.find('[data-preset="lambda-sweep"]').trigger('click');
    await w.find('[data-action="queue"]').trigger('click');
    await flushPromises();
    const input = calls.find((c) => c.method === 'runs.start')?.input;
    expect(input.experiment.sweep).toEqual({ 'weighting.lambda': [0, 0.25, 0.5, 0.75, 1] });
    expect(input.experiment.name).toBe('λ sweep on the seed CNN');
    expect(router.currentRoute.value.fullPath).toBe('/design');
    expect(w.find('[data-testid="started"]').text()).toMatch(/Queued 2 runs/);
    expect(w.findAll('[data-testid="started"] a').map((a) => a.attributes('href'))).toContain('/live/r1');
    w.unmount();
  });

  it('puts server-side issues next to their fields until the form changes', async () => {
    const { w } = await mountDesign({
      start: () => ({
        ok: false,
        error: {
          code: 'invalid_argument',
          message: 'model.width: too wide for this machine',
          field: 'model.width',
          issues: [{ field: 'model.width', message: 'too wide for this machine' }],
        },
      }),
    });
    await w.find('[data-action="queue"]').trigger('click');
    await flushPromises();
    expect(w.find('[data-field="model.width"] .field-error').text()).toBe(
      'Width (units / first filters): too wide for this machine',
    );
    await w.find('#f-model-width').setValue('32');
    expect(w.find('[data-field="model.width"] .field-error').exists()).toBe(false);
    w.unmount();
  });

  it('adds and removes tasks and an aux head', async () => {
    const { w } = await mountDesign();
    await w
      .findAll('button')
      .find((b) => b.text() === '+ Add task')!
      .trigger('click');
    expect(w.findAll('[data-task]').map((t) => t.attributes('data-task'))).toEqual(['cls', 'seg']);
    expect(w.find('#f-weighting-lambda').exists()).toBe(true);
    await w.find('[data-task="seg"] input[type="checkbox"]').setValue(true);
    await w.find('#task-1-aux\\.layer').setValue('9');
    expect(w.find('#task-1-aux\\.layer').attributes('aria-invalid')).toBe('true');
    expect(w.find('[data-box="head.seg"]').exists()).toBe(true);
    await w.find('[aria-label="Remove task 2 (seg)"]').trigger('click');
    expect(w.findAll('[data-task]')).toHaveLength(1);
    w.unmount();
  });
});
