// @vitest-environment happy-dom
/** Design's "Repeat over seeds": the run count, the request runs.start gets, and the rule's message. */
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { mountDesign } from './design-mount.ts';

describe('Design: Repeat over seeds', () => {
  it('a repeat of 3 runs the spec three times: "Run 3", and runs.start gets spec.repeat 3', async () => {
    const { w, inputsOf } = await mountDesign();
    await w.find('[data-field=repeat]').setValue('3');
    const run = w.find('[data-action=run]');
    expect(run.text()).toBe('Run 3');
    await w.find('[data-action=queue]').trigger('click');
    await flushPromises();
    const input = inputsOf('runs.start').at(-1) as { spec: Record<string, unknown> };
    expect(input.spec.repeat).toBe(3);
    expect(input.spec.seed).toBe(42);
    w.unmount();
  });

  it('multiplies a sweep: 2 λ values × repeat 2 is an experiment of 4 runs with repeat 2', async () => {
    const { w, inputsOf } = await mountDesign();
    const lambda = w.findAll('[data-preset]').find((b) => b.attributes('data-preset') === 'lambda-sweep');
    if (lambda) await lambda.trigger('click');
    await flushPromises();
    await w.find('[data-field=repeat]').setValue('2');
    const points = Number(/\d+/.exec(w.find('.start .count').text())![0]) / 2;
    expect(points).toBeGreaterThan(1);
    await w.find('[data-action=queue]').trigger('click');
    await flushPromises();
    for (const b of w.findAll('dialog [data-test=confirm]')) await b.trigger('click');
    await flushPromises();
    const input = inputsOf('runs.start').at(-1) as { experiment: Record<string, unknown> };
    expect(input.experiment.repeat).toBe(2);
    w.unmount();
  });

  it('refuses 0 and 101 with the rule, naming the field, and will not start', async () => {
    const { w, inputsOf } = await mountDesign();
    await w.find('[data-field=repeat]').setValue('0');
    expect(w.find('[data-testid=repeat-error]').text()).toBe('Repeat over seeds: must be at least 1');
    expect(w.find('[data-action=run]').attributes('disabled')).toBeDefined();
    await w.find('[data-field=repeat]').setValue('101');
    expect(w.find('[data-testid=repeat-error]').text()).toBe('Repeat over seeds: must be at most 100');
    await w.find('[data-action=queue]').trigger('click');
    await flushPromises();
    expect(inputsOf('runs.start')).toHaveLength(0);
    w.unmount();
  });
});
