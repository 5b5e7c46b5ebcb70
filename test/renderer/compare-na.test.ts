// @vitest-environment happy-dom
import { expect, it } from 'vitest';
import { missingNotes, missingText } from '../../renderer/src/charts/compare-choices.ts';
import { clsOnlyData, detail, mountCompare, twoTaskData } from './compare-mount.ts';

it('a run without the chosen layer says "n/a: no trunk.5 in this run" under the overlay', async () => {
  const { w } = await mountCompare(
    'deep,shallow',
    (id) => detail(id, id),
    (id, f) => (id === 'deep' ? twoTaskData(f) : clsOnlyData(f, 3)),
  );
  expect(w.find('[data-testid="overlay-na"]').exists()).toBe(false);
  await w.find('select[aria-label="Series kind"]').setValue('layer');
  await w.find('select[aria-label="Layer"]').setValue('head.seg');
  const notes = w.findAll('[data-testid="overlay-na"] li').map((l) => l.text());
  expect(notes).toEqual(['shallow: n/a: no head.seg in this run']);
  await w.find('select[aria-label="Layer"]').setValue('trunk.1');
  expect(w.find('[data-testid="overlay-na"]').exists()).toBe(false);
});

it('missingNotes names each loaded run that lacks the series, by its index (its colour)', () => {
  const data = { a: twoTaskData(), b: clsOnlyData(), c: clsOnlyData() };
  const trunk5 = { kind: 'layer', layer: 'trunk.5', field: 'gradL2' } as const;
  expect(missingNotes(['a', 'b', 'c'], data, trunk5)).toEqual([
    { index: 0, text: 'n/a: no trunk.5 in this run' },
    { index: 1, text: 'n/a: no trunk.5 in this run' },
    { index: 2, text: 'n/a: no trunk.5 in this run' },
  ]);
  const cos = { kind: 'cosine', a: 'cls', b: 'seg' } as const;
  expect(missingNotes(['a', 'b', 'c'], data, cos).map((n) => n.index)).toEqual([1, 2]);
  expect(missingText(cos)).toBe('n/a: no cls–seg pair of tasks in this run');
  expect(missingNotes(['a', 'b'], data, { kind: 'vanishing' })).toEqual([]);
  // a run not loaded yet is not "missing" anything
  expect(missingNotes(['a', 'zz'], data, trunk5)).toEqual([{ index: 0, text: 'n/a: no trunk.5 in this run' }]);
});
