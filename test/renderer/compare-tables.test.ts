import type { RunDetail } from '@core/domain/runs.ts';
import { describe, expect, it } from 'vitest';
import { diffRows, formatSpecValue, narrowDiff, summaryTable } from '../../renderer/src/charts/compare-tables.ts';

describe('diffRows', () => {
  const diff = [
    { path: 'model.activation', values: ['sigmoid', 'relu', 'sigmoid'] },
    { path: 'weighting.lambda', values: [0.25, 0.25, undefined] },
    { path: 'tasks', values: [[{ kind: 'cls' }], [{ kind: 'cls' }, { kind: 'seg' }], [{ kind: 'cls' }]] },
  ];

  it('formats each value and marks the cells that differ from the first run', () => {
    const rows = diffRows(diff);
    expect(rows[0]).toEqual({
      path: 'model.activation',
      cells: ['sigmoid', 'relu', 'sigmoid'],
      changed: [false, true, false],
    });
    expect(rows[1]).toEqual({ path: 'weighting.lambda', cells: ['0.25', '0.25', '—'], changed: [false, false, true] });
    expect(rows[2].cells[1]).toBe('[{"kind":"cls"},{"kind":"seg"}]');
  });

  it('narrowDiff keeps the chosen runs and drops paths that no longer differ', () => {
    const two = narrowDiff(diff, [0, 2]);
    expect(two.map((d) => d.path)).toEqual(['weighting.lambda']);
    expect(two[0].values).toEqual([0.25, undefined]);
    expect(diffRows(narrowDiff(diff, [0]))).toEqual([]);
  });

  it('spec values as cells', () => {
    expect(formatSpecValue(true)).toBe('true');
    expect(formatSpecValue(null)).toBe('null');
    expect(formatSpecValue(1e-7)).toBe('1e-7');
    // settings are shown in full: neither a derived seed nor a close learning rate is rounded away
    expect(formatSpecValue(1013904268)).toBe('1013904268');
    expect(formatSpecValue(0.0010001)).not.toBe(formatSpecValue(0.001));
  });
});

it('summaryTable: final metric columns are the union over runs, missing ones a dash', () => {
  const base = {
    status: 'completed',
    epochsDone: 10,
    epochsPlanned: 10,
    durationMs: 65_000,
    backend: { name: 'wasm', detail: '', skipped: [], parityMaxAbsDiff: null },
  };
  const runs = [
    { ...base, id: 'a', finalMetrics: { cls: { accuracy: 0.9, loss: 0.3 } } },
    {
      ...base,
      id: 'b',
      status: 'diverged',
      epochsDone: 3,
      durationMs: null,
      backend: null,
      finalMetrics: { cls: { loss: 2 }, seg: { iou: 0.4 } },
    },
  ] as unknown as RunDetail[];
  const t = summaryTable(runs);
  expect(t.metricColumns.map((c) => c.label)).toEqual(['cls accuracy', 'cls loss', 'seg iou']);
  expect(t.rows[0]).toEqual({
    id: 'a',
    status: 'completed',
    epochs: '10 / 10',
    duration: '1 m 05 s',
    backend: 'wasm',
    health: ['—', '—', '—', '—'],
    metrics: ['0.9', '0.3', '—'],
  });
  expect(t.rows[1]).toEqual({
    id: 'b',
    status: 'diverged',
    epochs: '3 / 10',
    duration: '—',
    backend: '—',
    health: ['—', '—', '—', '—'],
    metrics: ['—', '2', '0.4'],
  });
});
