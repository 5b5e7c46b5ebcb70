// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { expect, it } from 'vitest';
import { keepOrReset } from '../../renderer/src/charts/compare-choices.ts';
import { clsOnlyData, detail, mountCompare, twoTaskData } from './compare-mount.ts';

const SWEEP = ['l25', 'l50', 'l75'];

it('switching from a λ sweep with seg to three cls-only MLPs leaves no empty chart under a stale title', async () => {
  const { w, router } = await mountCompare(
    SWEEP.join(','),
    (id) => detail(id, id),
    (id, f) => (SWEEP.includes(id) ? twoTaskData(f) : clsOnlyData(f)),
  );
  await w.find('select[aria-label="Series kind"]').setValue('metric');
  await w.find('select[aria-label="Task"]').setValue('seg');
  await w.find('select[aria-label="Metric"]').setValue('iou');
  expect(w.find('.echart-stub').text()).toBe('seg iou (val) | 3 | 6');

  await router.push('/compare?ids=m1,m2,m3');
  await flushPromises();
  const chart = w.find('.echart-stub').text();
  expect(chart).not.toContain('seg');
  expect(chart).toMatch(/ \| 3 \| [1-9]\d*$/);
  // the picker follows: no seg task on offer, the kind is back on a series every run has
  expect(w.findAll('select[aria-label="Task"] option').map((o) => o.text())).toEqual([]);
  expect((w.find('select[aria-label="Series kind"]').element as HTMLSelectElement).value).toBe('vanishing');
});

it('a layer the new runs lack resets too; a choice some run still has is kept', async () => {
  const { w, router } = await mountCompare(
    'a,b',
    (id) => detail(id, id),
    (id, f) => (id.startsWith('deep') ? twoTaskData(f) : clsOnlyData(f, 3)),
  );
  await router.push('/compare?ids=deep1,deep2');
  await flushPromises();
  await w.find('select[aria-label="Series kind"]').setValue('layer');
  await w.find('select[aria-label="Layer"]').setValue('head.seg');
  expect(w.find('.echart-stub').text()).toMatch(/^head\.seg /);
  await router.push('/compare?ids=deep1,a');
  await flushPromises();
  expect(w.find('.echart-stub').text()).toMatch(/^head\.seg /);
  await router.push('/compare?ids=a,b');
  await flushPromises();
  expect(w.find('.echart-stub').text()).not.toContain('head.seg');
});

it('keepOrReset keeps what a run has and falls back to the vanishing ratio otherwise', () => {
  const seg = { kind: 'metric', task: 'seg', name: 'iou', split: 'val' } as const;
  expect(keepOrReset(seg, { a: twoTaskData() })).toBe(seg);
  expect(keepOrReset(seg, { a: clsOnlyData(), b: twoTaskData() })).toBe(seg);
  expect(keepOrReset(seg, { a: clsOnlyData() })).toEqual({ kind: 'vanishing' });
  expect(keepOrReset({ ...seg, split: 'train' }, { a: twoTaskData() })).toEqual({ kind: 'vanishing' });
  // nothing loaded (between two run sets): nothing to judge by
  expect(keepOrReset(seg, {})).toBe(seg);
});
