import { describe, expect, it } from 'vitest';
import { flatten, specDiff } from '../../src/api/spec-diff.ts';

describe('config diff', () => {
  it('flattens to dotted leaves, arrays by index', () => {
    expect(flatten({ a: { b: 1, c: [2, { d: 3 }] }, e: [] })).toEqual({ 'a.b': 1, 'a.c.0': 2, 'a.c.1.d': 3, e: [] });
  });
  it('keeps only the paths that differ, and never name, notes or tags', () => {
    const a = { name: 'x', tags: ['p'], model: { depth: 2, width: 8 }, tasks: [{ kind: 'cls' }] };
    const b = { name: 'y', tags: ['q', 'r'], model: { depth: 3, width: 8 }, tasks: [{ kind: 'cls' }, { kind: 'seg' }] };
    expect(specDiff([a, b])).toEqual([
      { path: 'model.depth', values: [2, 3] },
      { path: 'tasks.1.kind', values: [undefined, 'seg'] },
    ]);
  });
});
