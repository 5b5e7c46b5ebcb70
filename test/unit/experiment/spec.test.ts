import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../../src/experiment/json-schema.ts';
import { parseSpec, SpecError } from '../../../src/experiment/spec.ts';
import { expandExperiment, isExperiment, setPath } from '../../../src/experiment/sweep.ts';

const fieldsOf = (input: unknown): string[] => {
  try {
    parseSpec(input);
  } catch (err) {
    expect(err).toBeInstanceOf(SpecError);
    return (err as SpecError).issues.map((i) => i.field);
  }
  return [];
};

describe('spec validation', () => {
  it('an empty object is a complete default spec', () => {
    const s = parseSpec({});
    expect(s.data).toMatchObject({ kind: 'shapes', imageSize: 32 });
    expect(s.model).toMatchObject({ trunk: 'mlp', depth: 4, activation: 'relu' });
    expect(s.tasks).toEqual([{ kind: 'cls', loss: 'bce', weight: 1, primary: false }]);
    expect(s.stats.histogramBins).toBe(64);
  });

  const bad: Array<[string, unknown, string]> = [
    ['depth out of range', { model: { depth: 65 } }, 'model.depth'],
    ['unknown activation', { model: { activation: 'swish' } }, 'model.activation'],
    ['unknown init', { model: { init: 'orthogonal' } }, 'model.init'],
    ['negative learning rate', { optimizer: { learningRate: -1 } }, 'optimizer.learningRate'],
    ['a typo in a field name', { epoch: 3 }, 'epoch'],
    ['a typo inside a task', { tasks: [{ kind: 'cls', wieght: 1 }] }, 'tasks.0.wieght'],
    ['unknown task kind', { tasks: [{ kind: 'depth' }] }, 'tasks.0.kind'],
    ['the same task twice', { tasks: [{ kind: 'cls' }, { kind: 'cls' }] }, 'tasks'],
    [
      'two primaries',
      {
        tasks: [
          { kind: 'cls', primary: true },
          { kind: 'seg', primary: true },
        ],
      },
      'tasks',
    ],
    [
      'aux head below the trunk',
      { model: { depth: 3 }, tasks: [{ kind: 'cls', aux: { layer: 4 } }] },
      'tasks.0.aux.layer',
    ],
    ['λ with one task', { weighting: { lambda: 0.5 } }, 'weighting.lambda'],
    ['λ above 1', { tasks: [{ kind: 'cls' }, { kind: 'seg' }], weighting: { lambda: 1.5 } }, 'weighting.lambda'],
    ['idx without labels', { data: { kind: 'idx', images: 'a.gz' } }, 'data.labels'],
    ['min scale above max', { data: { kind: 'shapes', minScale: 0.4, maxScale: 0.2 } }, 'data.minScale'],
    [
      'cnn shrinking below a pixel',
      { data: { kind: 'shapes', imageSize: 8 }, model: { trunk: 'cnn', depth: 8, downsampleEvery: 1 } },
      'model.depth',
    ],
    ['fractional epochs', { epochs: 2.5 }, 'epochs'],
    ['unknown backend', { backend: 'webgpu' }, 'backend'],
  ];
  for (const [what, input, field] of bad)
    it(`rejects ${what}, naming ${field}`, () => expect(fieldsOf(input)).toContain(field));

  it('a good two-task spec with λ and an aux head passes', () => {
    expect(
      fieldsOf({
        model: { depth: 6 },
        tasks: [
          { kind: 'cls', primary: true, aux: { layer: 2 } },
          { kind: 'seg', loss: 'l1' },
        ],
        weighting: { lambda: 0.25 },
      }),
    ).toEqual([]);
  });
});

describe('sweeps', () => {
  it('setPath copies and creates objects on the way', () => {
    const base = { model: { depth: 2 } };
    expect(setPath(base, 'model.width', 8)).toEqual({ model: { depth: 2, width: 8 } });
    expect(base).toEqual({ model: { depth: 2 } });
  });
  it('expands the Cartesian product of the axes into named, validated runs', () => {
    const e = expandExperiment({
      name: 'grid',
      base: { tasks: [{ kind: 'cls', primary: true }, { kind: 'seg' }] },
      sweep: { 'weighting.lambda': [0, 0.5, 1], 'model.activation': ['sigmoid', 'relu'] },
    });
    expect(e.runs).toHaveLength(6);
    expect(e.runs.map((r) => [r.spec.weighting.lambda, r.spec.model.activation])).toEqual([
      [0, 'sigmoid'],
      [0, 'relu'],
      [0.5, 'sigmoid'],
      [0.5, 'relu'],
      [1, 'sigmoid'],
      [1, 'relu'],
    ]);
    expect(e.runs[3].spec.name).toBe('grid · lambda=0.5, activation=relu');
  });
  it('a bad sweep value names the field and the sweep point', () => {
    expect(() =>
      expandExperiment({
        name: 'x',
        base: { tasks: [{ kind: 'cls' }, { kind: 'seg' }] },
        sweep: { 'weighting.lambda': [0.5, 2] },
      }),
    ).toThrow(/weighting\.lambda: .*\(sweep point lambda=2\)/);
  });
  it('refuses a sweep path that is not dotted spec syntax', () => {
    expect(() => expandExperiment({ name: 'x', sweep: { 'model..depth': [1] } })).toThrow(SpecError);
  });
  it('tells experiments from specs', () => {
    expect(isExperiment({ base: {} })).toBe(true);
    expect(isExperiment({ model: {} })).toBe(false);
  });
});

describe('published artefacts', () => {
  it('docs/*.schema.json are current (run `npm run schema` after changing the schema)', () => {
    for (const [file, schema] of Object.entries(jsonSchemas()))
      expect(JSON.parse(readFileSync(new URL(`../../../docs/${file}`, import.meta.url), 'utf8'))).toEqual(
        JSON.parse(JSON.stringify(schema)),
      );
  });
  it('every example is a valid spec or experiment', () => {
    const dir = new URL('../../../examples/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const raw = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
      expect(() => (isExperiment(raw) ? expandExperiment(raw) : parseSpec(raw)), f).not.toThrow();
    }
  });
});

describe('describeSpec', async () => {
  const { describeSpec } = await import('../../../src/experiment/describe.ts');
  it('names a run by trunk, tasks and weighting', () => {
    expect(describeSpec(parseSpec({}))).toBe('mlp 4×64 relu · cls');
    expect(
      describeSpec(
        parseSpec({
          model: { trunk: 'cnn', depth: 2, width: 16 },
          tasks: [{ kind: 'cls', aux: { layer: 1 } }, { kind: 'seg' }],
          weighting: { lambda: 0.5 },
        }),
      ),
    ).toBe('cnn 2×16 relu · cls (+aux@1) + seg (λ 0.5)');
    expect(
      describeSpec(parseSpec({ tasks: [{ kind: 'cls' }, { kind: 'recon' }], weighting: { method: 'pcgrad' } })),
    ).toBe('mlp 4×64 relu · cls + recon (pcgrad)');
  });
});
