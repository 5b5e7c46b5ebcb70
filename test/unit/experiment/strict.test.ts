import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { closest, editDistance } from '../../../src/experiment/closest.ts';
import { parseSpec, SpecError, specIssues, specSchema } from '../../../src/experiment/spec.ts';
import { lookupPath } from '../../../src/experiment/spec-paths.ts';
import { expandExperiment, experimentSchema } from '../../../src/experiment/sweep.ts';

type Def = { type: string; [k: string]: unknown };

/** Every object schema reachable from `s`, with its path. */
function objects(s: z.core.$ZodType, path = '(root)', out: Array<[string, Def]> = []): Array<[string, Def]> {
  const d = s._zod.def as unknown as Def;
  const visit = (child: unknown, p: string) => objects(child as z.core.$ZodType, p, out);
  if (d.type === 'object') {
    out.push([path, d]);
    for (const [k, v] of Object.entries(d.shape as object)) visit(v, `${path}.${k}`);
  } else if (d.type === 'array') visit(d.element, `${path}[]`);
  else if (d.type === 'union') (d.options as unknown[]).forEach((o, i) => visit(o, `${path}|${i}`));
  else if (d.type === 'record') visit(d.valueType, `${path}{}`);
  else if (d.type === 'pipe') visit(d.in, path);
  else if ('innerType' in d) visit(d.innerType, path);
  return out;
}

describe('strict input at every depth', () => {
  it('every object in the spec and experiment schemas refuses unknown keys', () => {
    const all = [...objects(specSchema), ...objects(experimentSchema)];
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const [path, d] of all) expect((d.catchall as z.core.$ZodType | undefined)?._zod.def.type, path).toBe('never');
  });

  it('names every unknown key with its full path and the closest field', () => {
    expect(specIssues({ model: { activaton: 'sigmoid', colour: 1 }, stats: { histogram_bins: 8 } })).toEqual([
      { field: 'model.activaton', message: 'unknown field — did you mean activation?' },
      { field: 'model.colour', message: expect.stringMatching(/^is not a known field \(known: trunk, depth/) },
      { field: 'stats.histogram_bins', message: 'unknown field — did you mean histogramBins?' },
    ]);
    expect(() => parseSpec({ model: { activaton: 'sigmoid' } })).toThrow(
      'model.activaton: unknown field — did you mean activation?',
    );
  });

  it('plain-language messages keep the field path', () => {
    expect(specIssues({ model: { depth: 65, width: 'wide' }, epochs: 2.5, data: { kind: 'csv' } })).toEqual([
      { field: 'data.kind', message: 'must be one of shapes, idx' },
      { field: 'model.depth', message: 'must be at most 64' },
      { field: 'model.width', message: 'must be a number, not a string' },
      { field: 'epochs', message: 'must be a whole number' },
    ]);
  });

  it('a typo in a sweep axis is refused before any run exists', () => {
    expect(() =>
      expandExperiment({
        name: 'x',
        base: { tasks: [{ kind: 'cls' }, { kind: 'seg' }] },
        sweep: { 'weighting.lamda': [0, 1] },
      }),
    ).toThrow('sweep.weighting.lamda: weighting has no field lamda — did you mean weighting.lambda?');
  });

  it('a 100 000-deep value is a clear error, never a RangeError', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const run = () => expandExperiment({ name: 'x', sweep: { 'model.depth': [deep] } });
    expect(run).toThrow(SpecError);
    expect(run).toThrow('sweep.model.depth: is nested more than 32 levels deep');
    expect(() => parseSpec({ notes: deep })).toThrow(SpecError);
  });

  it('lookupPath follows objects, lists by index and the data union', () => {
    expect(lookupPath(specSchema, 'tasks.2.aux.layer').ok).toBe(true);
    expect(lookupPath(specSchema, 'data.images').ok).toBe(true);
    expect(lookupPath(specSchema, 'data.imageSize').ok).toBe(true);
    expect(lookupPath(specSchema, 'tasks.3')).toEqual({
      ok: false,
      message: 'tasks has no item 3: it is a list of at most 3, indexed 0 to 2',
    });
  });

  it('closest counts a swap, a case or an underscore as one small slip, and refuses far words', () => {
    expect(editDistance('modle', 'model')).toBe(1);
    expect(closest('learning_rate', ['learningRate', 'momentum'])).toBe('learningRate');
    expect(closest('Epochs', ['epochs'])).toBe('epochs');
    expect(closest('colour', ['trunk', 'depth', 'width'])).toBeUndefined();
  });
});
