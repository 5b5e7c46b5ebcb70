import { describe, expect, it } from 'vitest';
import { canonicalJson, fnv1a64, SEED_GROUP_IGNORED, seedGroupKey } from '../../../src/domain/seed-group.ts';
import { parseSpec } from '../../../src/experiment/spec.ts';
import { setPath } from '../../../src/experiment/sweep.ts';

const base = parseSpec({ tasks: [{ kind: 'cls', primary: true }, { kind: 'recon' }], weighting: { lambda: 0.5 } });
const key = (patch: Record<string, unknown>) => seedGroupKey({ ...structuredClone(base), ...patch });

describe('seed-group key', () => {
  it('ignores exactly seed, name, tags and notes', () => {
    expect(SEED_GROUP_IGNORED).toEqual(['seed', 'name', 'tags', 'notes']);
    const k = seedGroupKey(base);
    expect(k).toMatch(/^sg-[0-9a-f]{16}$/);
    expect(key({ seed: 7, name: 'other', tags: ['a', 'b'], notes: 'why' })).toBe(k);
  });

  it('is sensitive to every other field, at any depth', () => {
    const k = seedGroupKey(base);
    const changed: Array<[string, unknown]> = [
      ['weighting.lambda', 0.25],
      ['epochs', base.epochs + 1],
      ['batchSize', base.batchSize * 2],
      ['model.activation', base.model.activation === 'relu' ? 'tanh' : 'relu'],
      ['optimizer.learningRate', 0.123],
      ['tasks.1.weight', 2],
      ['backend', 'cpu'],
      ['data.seed', 3],
    ];
    for (const [path, v] of changed)
      expect(seedGroupKey(setPath(structuredClone(base) as never, path, v)), path).not.toBe(k);
  });

  it('does not depend on key order, and is stable across calls', () => {
    const reordered = Object.fromEntries(Object.entries(structuredClone(base)).reverse());
    expect(seedGroupKey(reordered)).toBe(seedGroupKey(base));
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
  });

  it('hashes with 64-bit FNV-1a (published test vectors)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });
});
