// @vitest-environment happy-dom
/** Compare's seed groups: mean line + band on every overlay, the tooltip's stored values, the per-group summary. */
import type { CompareData } from '@core/api/contract.ts';
import { describe, expect, it } from 'vitest';
import type { SeriesChoice } from '../../renderer/src/charts/compare-choices.ts';
import { pointsFor } from '../../renderer/src/charts/compare-series.ts';
import { bandPoints, bandTooltip, groupedLineOption, runGroups } from '../../renderer/src/charts/seed-bands.ts';
import { groupSummaryRows } from '../../renderer/src/charts/seed-summary.ts';
import { detail, mountCompare, twoTaskData } from './compare-mount.ts';

/** `d` with every stored number times `f` (epochs and names kept), so seeds of one group differ. */
function scaled(d: CompareData, f: number): CompareData {
  const walk = (v: unknown, key = ''): unknown => {
    if (key === 'epochs' || key === 'layers') return v;
    if (typeof v === 'number') return v * f;
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(d) as CompareData;
}

const runs = [
  { ...detail('s0', 'sig · seed=1', { cls: { accuracy: 0.8 } }), seedGroup: 'sg-sig' },
  { ...detail('s1', 'sig · seed=2', { cls: { accuracy: 0.9 } }), seedGroup: 'sg-sig' },
  { ...detail('s2', 'sig · seed=3', { cls: { accuracy: 1.0 } }), seedGroup: 'sg-sig' },
  detail('relu', 'relu', { cls: { accuracy: 0.5 } }),
];
const factor: Record<string, number> = { s0: 1, s1: 2, s2: 3, relu: 1.5 };
const base = twoTaskData();
const data = Object.fromEntries(runs.map((r) => [r.id, scaled(base, factor[r.id])]));

describe('seed bands (pure)', () => {
  it('groups the compared runs by seed group, first seen first', () => {
    expect(runGroups(runs)).toEqual([
      { key: 'sg-sig', indices: [0, 1, 2] },
      { key: 'sg-relu', indices: [3] },
    ]);
    // runs without a key never fold together
    expect(runGroups([{ seedGroup: '' }, { seedGroup: '' }]).map((g) => g.indices)).toEqual([[0], [1]]);
  });

  it('takes mean, min–max or ±1 std (n − 1) per epoch over the finite values', () => {
    const lines: Array<Array<[number, number | null]>> = [
      [
        [1, 1],
        [2, 2],
      ],
      [
        [1, 3],
        [2, null],
      ],
      [
        [1, 5],
        [2, NaN],
      ],
    ];
    expect(bandPoints(lines, 'minmax')).toEqual([
      { epoch: 1, mean: 3, low: 1, high: 5, n: 3 },
      { epoch: 2, mean: 2, low: 2, high: 2, n: 1 },
    ]);
    expect(bandPoints(lines, 'std')[0]).toEqual({ epoch: 1, mean: 3, low: 1, high: 5, n: 3 }); // std 2
  });

  const choices: SeriesChoice[] = [
    { kind: 'vanishing' },
    { kind: 'metric', task: 'cls', name: 'loss', split: 'val' },
    { kind: 'layer', layer: base.layers[0], field: 'gradL2' },
    { kind: 'weight', term: 'seg' },
    { kind: 'taskGrad', task: 'cls' },
    { kind: 'cosine', a: 'cls', b: 'seg' },
    { kind: 'health', field: 'alive' },
  ];
  it.each(choices)('draws the group as mean + band on the $kind overlay, the single run as its line', (choice) => {
    const o = groupedLineOption({ title: 't', yName: 'y', runs, data, choice, band: 'minmax' });
    const names = o.series.map((s) => s.name);
    expect(names).toContain('sig · mean of 3');
    expect(names).toContain('relu');
    const band = o.series.find((s) => (s as { id?: string }).id === 'band:sg-sig') as unknown as {
      type: string;
      name: string;
      data: number[][];
    };
    expect(band).toMatchObject({ type: 'custom', name: 'sig · mean of 3' });
    // every segment spans the members' min and max at both of its epochs
    const members = [0, 1, 2].map((i) => pointsFor(data[runs[i].id], choice));
    const at = (epoch: number) =>
      members
        .map((pts) => pts.find((p) => p[0] === epoch)?.[1])
        .filter((v): v is number => v !== null && v !== undefined);
    expect(band.data.length).toBeGreaterThan(0);
    for (const [e0, lo0, hi0, e1, lo1, hi1] of band.data) {
      expect([lo0, hi0]).toEqual([Math.min(...at(e0)), Math.max(...at(e0))]);
      expect([lo1, hi1]).toEqual([Math.min(...at(e1)), Math.max(...at(e1))]);
    }
    const mean = o.series.find((s) => s.name === 'sig · mean of 3' && s.type === 'line')!;
    const item = mean.data.find((p) => p[1] !== null) as number[];
    expect(item).toHaveLength(6); // epoch, drawn y, mean, low, high, n
    expect(item[5]).toBe(3);
    expect(item[3]).toBeLessThanOrEqual(item[2]);
    expect(item[4]).toBeGreaterThanOrEqual(item[2]);
  });

  it('the tooltip shows the stored mean, low, high and n of a group, leaving the band helpers out', () => {
    const o = groupedLineOption({
      title: 't',
      yName: 'y',
      runs,
      data,
      choice: { kind: 'weight', term: 'seg' },
      band: 'minmax',
    });
    const at = (name: string, id?: string) => {
      const s = o.series.find((x) => x.name === name && (x as { id?: string }).id === id)!;
      return { seriesName: name, seriesId: id, data: s.data[0], value: s.data[0], axisValue: 1, marker: '' };
    };
    const text = bandTooltip([at('sig · mean of 3', 'band:sg-sig'), at('sig · mean of 3'), at('relu')]);
    // seg weight 0.3 × 1, 2, 3
    expect(text).toBe('epoch 1\nrelu:  0.450\nsig · mean of 3:  0.600  (low 0.300, high 0.900, n 3)');
  });

  it('the summary has mean ± std per group', () => {
    const rows = groupSummaryRows(
      runs,
      runs.map((r) => r.name),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: 'sg-sig', name: 'sig', n: 3, first: 0 });
    expect(rows[0].cells['cls accuracy']).toBe('0.9 ± 0.1');
  });
});

describe('Compare view with seed groups', () => {
  it('Group seeds is on by default, draws bands and a group summary; off draws every run', async () => {
    const { w } = await mountCompare(
      runs.map((r) => r.id).join(','),
      (id) => runs.find((r) => r.id === id)!,
      (id) => data[id],
    );
    const toggle = w.find('[data-testid=group-seeds]');
    expect((toggle.element as HTMLInputElement).checked).toBe(true);
    const series = () => w.find('.echart-stub').attributes('data-series');
    // the group's band and mean line, the single run
    expect(series()).toBe('sig · mean of 3|relu|band:sg-sig');
    expect(w.find('[data-testid=group-summary]').text()).toContain('0.9 ± 0.1');
    await w.find('[data-testid=band-kind]').setValue('std');
    expect(series()).toBe('sig · mean of 3|relu|band:sg-sig');
    await toggle.setValue(false);
    expect(series()).toBe('sig · seed=1|sig · seed=2|sig · seed=3|relu'); // every run its own line, no band
    expect(w.find('[data-testid=group-summary]').exists()).toBe(false);
    expect(w.find('[data-testid=band-kind]').exists()).toBe(false);
  });

  it('offers no Group seeds when no two runs share a group', async () => {
    const solo = [detail('a', 'a'), detail('b', 'b')];
    const { w } = await mountCompare(
      'a,b',
      (id) => solo.find((r) => r.id === id)!,
      () => base,
    );
    expect(w.find('[data-testid=seed-controls]').exists()).toBe(false);
    expect(w.find('[data-testid=group-summary]').exists()).toBe(false);
  });
});
