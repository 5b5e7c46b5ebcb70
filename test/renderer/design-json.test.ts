import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/experiment/spec.ts';
import { parsePasted, toJsonText } from '../../renderer/src/design/json.ts';

describe('pasted spec JSON', () => {
  it('accepts a spec and fills its defaults', () => {
    const r = parsePasted('{"model": {"depth": 3}, "epochs": 2}');
    expect(r.kind).toBe('spec');
    if (r.kind === 'spec') expect(r.spec).toEqual(parseSpec({ model: { depth: 3 }, epochs: 2 }));
  });

  it('accepts an experiment: base spec plus sweep', () => {
    const r = parsePasted(
      JSON.stringify({
        name: 'λ',
        base: { tasks: [{ kind: 'cls' }, { kind: 'seg' }] },
        sweep: { 'weighting.lambda': [0, 1] },
      }),
    );
    expect(r).toMatchObject({ kind: 'experiment', name: 'λ', description: '', sweep: { 'weighting.lambda': [0, 1] } });
    if (r.kind === 'experiment') expect(r.base.tasks.map((t) => t.kind)).toEqual(['cls', 'seg']);
  });

  it('explains what is wrong: syntax, shape, fields', () => {
    expect(parsePasted('{"model": ')).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/^not valid JSON/),
    });
    expect(parsePasted('[1, 2]')).toMatchObject({ kind: 'error', message: expect.stringMatching(/JSON object/) });
    expect(parsePasted('{"model": {"depth": "x"}, "colour": 1}')).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/model\.depth: .*\n?.*colour: is not a known field|colour: is not a known field/),
    });
    expect(parsePasted('{"name": "e", "base": {"model": {"depth": 0}}}')).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/^base\.model\.depth/),
    });
    expect(parsePasted('{"base": {}}')).toMatchObject({ kind: 'error', message: expect.stringMatching(/^name/) });
  });
});

describe('spec JSON out', () => {
  it('copies the spec alone without axes, the experiment with them', () => {
    const spec = parseSpec({});
    expect(JSON.parse(toJsonText({ spec, name: '', description: '', sweep: {} }))).toEqual(spec);
    const e = JSON.parse(toJsonText({ spec, name: '', description: 'd', sweep: { 'model.depth': [2, 4] } }));
    expect(e).toEqual({ name: 'sweep', description: 'd', base: spec, sweep: { 'model.depth': [2, 4] } });
    expect(parsePasted(JSON.stringify(e)).kind).toBe('experiment');
  });
});
