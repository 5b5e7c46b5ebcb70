// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/experiment/spec.ts';
import { estimateSweep, formatDuration, isSimilar } from '../../renderer/src/design/estimate.ts';
import { mountDesign } from './design-mount.ts';
import { makeRun } from './run-fixtures.ts';

type W = Awaited<ReturnType<typeof mountDesign>>['w'];

async function addAxis(w: W, path: string) {
  await w
    .findAll('button')
    .find((b) => b.text() === '+ Add axis')!
    .trigger('click');
  const i = w.findAll('[data-axis]').length - 1;
  await w.find(`#axis-${i}-path`).setValue(path);
  return i;
}

describe('sweep axes in the form', () => {
  beforeEach(() => localStorage.clear());

  it('marks a swept field "swept", its own value not used', async () => {
    const { w } = await mountDesign();
    expect(w.find('[data-field="model.depth"]').attributes('data-swept')).toBeUndefined();
    const i = await addAxis(w, 'model.depth');
    await w.find(`#axis-${i}-values`).setValue('2, 4, 8');
    const field = w.find('[data-field="model.depth"]');
    expect(field.attributes('data-swept')).toBe('true');
    expect(field.find('.swept-note').text()).toBe('swept not used: the runs take 2, 4, 8');
    expect(field.find('input').attributes('aria-describedby')).toContain('f-model-depth-swept');
    w.unmount();
  });

  it('enum and boolean axes take their values from the options, ticked', async () => {
    const { w } = await mountDesign();
    const i = await addAxis(w, 'model.activation');
    const boxes = w.findAll(`#axis-${i}-values input[type="checkbox"]`);
    expect(boxes.map((b) => b.attributes('value'))).toEqual(['sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'linear']);
    await boxes[2].setValue(true);
    await boxes[0].setValue(true);
    expect(w.find('[data-testid="run-count"]').text()).toBe('2 runs');
    const j = await addAxis(w, 'model.residual');
    expect(w.findAll(`#axis-${j}-values input`).map((b) => b.attributes('value'))).toEqual(['true', 'false']);
    w.unmount();
  });

  it('an invalid axis shows its error and never a silent "1 run"', async () => {
    const { w } = await mountDesign();
    const i = await addAxis(w, 'model.depth');
    await w.find(`#axis-${i}-values`).setValue('2, x');
    expect(w.find(`#axis-${i}-err`).text()).toBe('Axis 1 (model.depth): “x” is not a number');
    expect(w.find('[data-testid="run-count"]').text()).not.toMatch(/1 run/);
    expect(w.find('[data-testid="run-count"]').text()).toMatch(/\? runs/);
    expect(w.find('[data-action="run"]').attributes('disabled')).toBeDefined();
    w.unmount();
  });
});

describe('big sweeps', () => {
  beforeEach(() => localStorage.clear());
  const spec = parseSpec({ epochs: 10 });

  it('estimate from similar finished runs: same trunk, data, backend, about the same size', () => {
    const like = { spec: parseSpec({ epochs: 4 }), durationMs: 8000, epochsDone: 4 };
    const bigger = { spec: parseSpec({ model: { width: 1024 } }), durationMs: 1e6, epochsDone: 1 };
    const cnn = { spec: parseSpec({ model: { trunk: 'cnn', depth: 2 } }), durationMs: 1e6, epochsDone: 1 };
    expect(isSimilar(spec, like.spec)).toBe(true);
    expect(isSimilar(spec, bigger.spec)).toBe(false);
    expect(isSimilar(spec, cnn.spec)).toBe(false);
    // 2 s per epoch × 10 epochs × ceil(30 / 2) waves
    expect(estimateSweep(spec, 30, 2, [like, bigger, cnn])).toEqual({ perEpochMs: 2000, totalMs: 300_000, basis: 1 });
    expect(estimateSweep(spec, 30, 2, [bigger])).toBeNull();
    expect(formatDuration(300_000)).toBe('about 5 min');
    expect(formatDuration(3_900_000)).toBe('about 1 h 5 min');
  });

  it('over 20 runs: asks with the estimate before starting; Cancel starts nothing', async () => {
    const past = makeRun('p1', {
      status: 'completed',
      spec: parseSpec({ epochs: 2 }),
      durationMs: 6000,
      epochsDone: 2,
    });
    const { w, inputsOf } = await mountDesign({ runs: [past] });
    const i = await addAxis(w, 'seed');
    await w.find(`#axis-${i}-values`).setValue(Array.from({ length: 21 }, (_, k) => k).join(', '));
    await w.find('[data-action="queue"]').trigger('click');
    await flushPromises();
    const dialog = w.find('dialog[open]');
    expect(dialog.text()).toMatch(/Start 21 runs\?/);
    // 3 s per epoch × 10 epochs × 21 runs one at a time
    expect(dialog.text()).toContain('Estimated time: about 11 min');
    expect(inputsOf('runs.start')).toHaveLength(0);
    await w.find('dialog[open] [data-test="cancel"]').trigger('click');
    await flushPromises();
    expect(w.find('dialog[open]').exists()).toBe(false);
    expect(inputsOf('runs.start')).toHaveLength(0);

    await w.find('[data-action="queue"]').trigger('click');
    await flushPromises();
    await w.find('dialog[open] [data-test="confirm"]').trigger('click');
    await flushPromises();
    expect(inputsOf('runs.start')[0]).toMatchObject({ experiment: { sweep: { seed: expect.any(Array) } } });
    w.unmount();
  });

  it('says "unknown" when no finished run is like it, and 20 runs start without a question', async () => {
    const { w, inputsOf } = await mountDesign();
    const i = await addAxis(w, 'seed');
    await w.find(`#axis-${i}-values`).setValue(Array.from({ length: 25 }, (_, k) => k).join(', '));
    await w.find('[data-action="queue"]').trigger('click');
    await flushPromises();
    expect(w.find('dialog[open]').text()).toContain('Estimated time: unknown');
    await w.find('dialog[open] [data-test="cancel"]').trigger('click');
    await w.find(`#axis-${i}-values`).setValue(Array.from({ length: 20 }, (_, k) => k).join(', '));
    await w.find('[data-action="queue"]').trigger('click');
    await flushPromises();
    expect(inputsOf('runs.start')).toHaveLength(1);
    w.unmount();
  });
});
