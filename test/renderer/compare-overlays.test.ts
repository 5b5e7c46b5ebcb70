// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { choiceTitle, pointsFor, seriesChoices } from '../../renderer/src/charts/compare-series.ts';
import { clsOnlyData, detail, mountCompare, twoTaskData } from './compare-mount.ts';

describe('multi-task overlays (pure)', () => {
  const d = twoTaskData();

  it('offers the weights, trunk gradient norms, cosine pairs and health the runs have', () => {
    const c = seriesChoices({ a: d, b: clsOnlyData() });
    expect(c.weights).toEqual(['cls', 'seg']);
    expect(c.taskGrads).toEqual(['cls', 'seg']);
    expect(c.cosines).toEqual([{ a: 'cls', b: 'seg' }]);
    expect(c.health).toBe(true);
    const mlp = seriesChoices({ a: clsOnlyData() });
    expect(mlp.cosines).toEqual([]);
    expect(seriesChoices({ a: { ...d, health: [null, null] } }).health).toBe(false);
  });

  it('draws a task weight, a trunk gradient norm (log10, probe epochs only) and a cosine', () => {
    expect(pointsFor(d, { kind: 'weight', term: 'seg' })).toEqual([
      [1, 0.3],
      [2, 0.3],
    ]);
    // the fixture probes odd epochs: epoch 2 has no task gradient
    const g = pointsFor(d, { kind: 'taskGrad', task: 'cls' });
    expect(g[0][1]).toBeCloseTo(Math.log10(0.2));
    expect(g[1]).toEqual([2, null]);
    const cos = pointsFor(d, { kind: 'cosine', a: 'cls', b: 'seg' });
    expect(cos[0][1]).toBeCloseTo(-0.24);
    expect(pointsFor(clsOnlyData(), { kind: 'cosine', a: 'cls', b: 'seg' })).toEqual([
      [1, null],
      [2, null],
    ]);
  });

  it('draws a health number per epoch, gaps where an epoch has no summary', () => {
    const h = { ...d, health: [null, d.health[1]] };
    const pts = pointsFor(h, { kind: 'health', field: 'alive' });
    expect(pts[0]).toEqual([1, null]);
    expect(pts[1]).toEqual([2, d.health[1]!.alive]);
    expect(pts[1][1]).not.toBeNull();
    expect(pointsFor(d, { kind: 'health', field: 'dzRatio' })[1][1]).toBe(d.health[1]!.dzRatio);
  });

  it('titles say what is drawn and on which axis', () => {
    expect(choiceTitle({ kind: 'cosine', a: 'cls', b: 'seg' }).title).toContain('cosine of cls and seg');
    expect(choiceTitle({ kind: 'taskGrad', task: 'seg' })).toEqual({
      title: '‖∇ seg loss‖ on the shared trunk',
      yName: 'log10',
    });
    expect(choiceTitle({ kind: 'weight', term: 'cls' }).title).toBe('task weight of cls');
    expect(choiceTitle({ kind: 'health', field: 'alive' }).yName).toBe('layers');
  });
});

it('Compare of a λ sweep overlays task cosine and task weights; an MLP set offers no cosine', async () => {
  const { w } = await mountCompare(
    'l25,l50,l75',
    (id) => detail(id, id),
    () => twoTaskData(),
  );
  const kind = w.find('select[aria-label="Series kind"]');
  await kind.setValue('cosine');
  expect(w.find('select[aria-label="Task pair"]').text()).toContain('cls · seg');
  // one line per run, the probed epoch of each drawn
  expect(w.find('.echart-stub').text()).toBe('cosine of cls and seg trunk gradients (< 0: conflict) | 3 | 3');
  await kind.setValue('weight');
  await w.find('select[aria-label="Loss term"]').setValue('seg');
  expect(w.find('.echart-stub').text()).toBe('task weight of seg | 3 | 6');
  await kind.setValue('taskGrad');
  expect(w.find('.echart-stub').text()).toMatch(/^‖∇ cls loss‖ on the shared trunk \| 3 \| 3$/);
  await kind.setValue('health');
  await w.find('select[aria-label="Health number"]').setValue('alive');
  expect(w.find('.echart-stub').text()).toMatch(/^gradient health: alive trunk layers \| 3 \| [1-6]$/);

  const mlp = await mountCompare(
    'm1,m2,m3',
    (id) => detail(id, id),
    () => clsOnlyData(),
  );
  const opt = mlp.w.find('select[aria-label="Series kind"] option[value="cosine"]');
  expect((opt.element as HTMLOptionElement).disabled).toBe(true);
});
