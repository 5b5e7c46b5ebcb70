import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/experiment/spec.ts';
import { specDiff } from '../../src/api/spec-diff.ts';
import { specToForm, validateForm } from '../../renderer/src/design/form.ts';
import { parsePasted, toJsonText } from '../../renderer/src/design/json.ts';
import { loadPresets } from './design-mount.ts';

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
    const { loss: _unused, ...cls } = spec.tasks[0];
    const asJson = { ...spec, tasks: [cls] };
    expect(JSON.parse(toJsonText({ spec, name: '', description: '', sweep: {} }))).toEqual(asJson);
    const e = JSON.parse(toJsonText({ spec, name: '', description: 'd', sweep: { 'model.depth': [2, 4] } }));
    expect(e).toEqual({ name: 'sweep', description: 'd', base: asJson, sweep: { 'model.depth': [2, 4] } });
    expect(parsePasted(JSON.stringify(e)).kind).toBe('experiment');
  });
});

/** Copy JSON of the form a spec fills, as the Design store builds it. */
function copyJson(spec: ReturnType<typeof parseSpec>) {
  const form = specToForm(spec);
  const v = validateForm(form);
  if (!v.spec) throw new Error(`form invalid: ${JSON.stringify(v.issues)}`);
  return { form, started: v.spec, text: toJsonText({ spec: v.spec, name: '', description: '', sweep: {} }) };
}

describe('Copy JSON round-trips the form', () => {
  it('writes the primary flag as the form shows it and no seg loss on other tasks', () => {
    const two = JSON.parse(copyJson(parseSpec({ tasks: [{ kind: 'cls' }, { kind: 'seg', loss: 'l1' }] })).text);
    expect(two.tasks).toEqual([
      { kind: 'cls', weight: 1, primary: true },
      { kind: 'seg', loss: 'l1', weight: 1, primary: false },
    ]);
    const third = JSON.parse(copyJson(parseSpec({ tasks: [{ kind: 'recon' }, { kind: 'cls', primary: true }] })).text);
    expect(third.tasks.map((t: { primary: boolean }) => t.primary)).toEqual([false, true]);
    expect(third.tasks.some((t: object) => 'loss' in t)).toBe(false);
  });

  const presetSpecs = loadPresets().map((p) => {
    const v = p.value as { base?: object };
    return [p.id, parseSpec(p.kind === 'experiment' ? v.base : v)] as const;
  });
  it.each(presetSpecs)('%s: pasted back, the same form and a zero-row config diff', (_id, original) => {
    // what a run started from the form stores, and what Copy JSON of that form gives
    const { form, started, text } = copyJson(original);
    const pasted = parsePasted(text);
    if (pasted.kind !== 'spec') throw new Error(pasted.kind === 'error' ? pasted.message : 'not a spec');
    expect(specToForm(pasted.spec)).toEqual(form);
    expect(specDiff([started, pasted.spec], [])).toEqual([]);
    expect(specDiff([original, pasted.spec], [])).toEqual([]);
  });

  it('a CLI-made run with no task marked primary: its Copy JSON, pasted back, diffs to zero rows against the run', () => {
    // the CLI stores the spec as parsed: primary false on every task, which the trainer reads as task 1 primary
    const cliRun = parseSpec({
      tasks: [{ kind: 'cls' }, { kind: 'seg' }],
      weighting: { lambda: 0.3 },
    });
    expect(cliRun.tasks.some((t) => t.primary)).toBe(false);
    const pasted = parsePasted(copyJson(cliRun).text);
    if (pasted.kind !== 'spec') throw new Error('not a spec');
    expect(pasted.spec.tasks[0].primary).toBe(true);
    expect(specDiff([cliRun, pasted.spec])).toEqual([]);
    expect(specDiff([cliRun, pasted.spec], [])).toEqual([]);
    // a real difference in the primary task is still one row
    const second = { ...pasted.spec, tasks: pasted.spec.tasks.map((t, i) => ({ ...t, primary: i === 1 })) };
    expect(specDiff([cliRun, second]).map((d) => d.path)).toEqual(['tasks.0.primary', 'tasks.1.primary']);
  });

  it('a run with no task marked primary is started with task 1 primary, as the trainer reads it', () => {
    const { started } = copyJson(parseSpec({ tasks: [{ kind: 'cls' }, { kind: 'seg' }] }));
    expect(started.tasks.map((t) => t.primary)).toEqual([true, false]);
  });
});
