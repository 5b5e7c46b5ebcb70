import { describe, expect, it } from 'vitest';
import { planRuns } from '../../../src/api/handlers/experiments.ts';
import { deriveSeed, parseRepeatedSpec, repeatSeeds } from '../../../src/experiment/repeat.ts';
import { SpecError, type SpecIssue } from '../../../src/experiment/spec.ts';
import { expandExperiment } from '../../../src/experiment/sweep.ts';

function issuesOf(work: () => unknown): SpecIssue[] {
  try {
    work();
    return [];
  } catch (err) {
    if (err instanceof SpecError) return err.issues;
    throw err;
  }
}

describe('seed derivation', () => {
  it('keeps the base seed for k = 0 and follows the documented formula', () => {
    expect(deriveSeed(42, 0)).toBe(42);
    expect(deriveSeed(42, 1)).toBe((42 + 0x9e3779b1) % 2 ** 31);
    expect(deriveSeed(42, 2)).toBe((42 + 2 * 0x9e3779b1) % 2 ** 31);
  });

  it('gives 100 distinct seeds inside the spec range, for any base, the same on every call', () => {
    for (const base of [0, 1, 42, 2 ** 31 - 1, 1_234_567_890]) {
      const seeds = repeatSeeds(base, 100);
      expect(new Set(seeds).size).toBe(100);
      for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 31).toBe(true);
      expect(repeatSeeds(base, 100)).toEqual(seeds);
    }
  });
});

describe('repeat on a spec', () => {
  it('plans n runs that differ only by seed and name; stored specs carry no repeat', () => {
    const specs = parseRepeatedSpec({ name: 'mlp', seed: 7, repeat: 3 });
    expect(specs.map((s) => s.seed)).toEqual(repeatSeeds(7, 3));
    expect(specs.map((s) => s.name)).toEqual(repeatSeeds(7, 3).map((s) => `mlp · seed=${s}`));
    for (const s of specs) expect(s).not.toHaveProperty('repeat');
    const strip = ({ seed: _s, name: _n, ...rest }: (typeof specs)[number]) => rest;
    expect(strip(specs[1])).toEqual(strip(specs[0]));
  });

  it('repeat: 1 is the spec as written', () => {
    expect(parseRepeatedSpec({ name: 'x', repeat: 1 })).toEqual(parseRepeatedSpec({ name: 'x' }));
  });

  it('runs.start {spec} plans one run per seed, outside any experiment', () => {
    const plan = planRuns({ spec: { repeat: 4 } });
    expect(plan.name).toBeNull();
    expect(plan.specs.map((s) => s.seed)).toEqual(repeatSeeds(42, 4));
  });

  it('names repeat and its rule, and the spec fields beside it, in one reply', () => {
    const issues = issuesOf(() => parseRepeatedSpec({ repeat: 0, epochs: 0 }));
    expect(issues).toContainEqual({ field: 'repeat', message: 'must be at least 1' });
    expect(issues.map((i) => i.field)).toContain('epochs');
    expect(issuesOf(() => parseRepeatedSpec({ repeat: 101 }))).toEqual([
      { field: 'repeat', message: 'must be at most 100' },
    ]);
  });
});

describe('repeat × sweep', () => {
  const base = { tasks: [{ kind: 'cls' }, { kind: 'recon' }], seed: 5 };

  it('repeats every sweep point, points outermost, each with its derived seeds', () => {
    const e = expandExperiment({ name: 'lam', base, sweep: { 'weighting.lambda': [0.25, 0.75] }, repeat: 3 });
    expect(e.repeat).toBe(3);
    expect(e.runs.map((r) => [r.spec.weighting.lambda, r.spec.seed])).toEqual([
      ...repeatSeeds(5, 3).map((s) => [0.25, s]),
      ...repeatSeeds(5, 3).map((s) => [0.75, s]),
    ]);
    expect(e.runs[1].point).toEqual({ 'weighting.lambda': 0.25, seed: repeatSeeds(5, 3)[1] });
    expect(e.runs[1].spec.name).toBe(`lam · lambda=0.25 · seed=${repeatSeeds(5, 3)[1]}`);
  });

  it('a seed axis with repeat derives from each axis seed', () => {
    const e = expandExperiment({ name: 's', base, sweep: { seed: [1, 2] }, repeat: 2 });
    expect(e.runs.map((r) => r.spec.seed)).toEqual([...repeatSeeds(1, 2), ...repeatSeeds(2, 2)]);
  });

  it('refuses a seed axis whose derived seeds meet, naming repeat', () => {
    const clash = deriveSeed(1, 1);
    const issues = issuesOf(() => expandExperiment({ name: 's', base, sweep: { seed: [1, clash] }, repeat: 2 }));
    expect(issues).toHaveLength(1);
    expect(issues[0].field).toBe('repeat');
    expect(issues[0].message).toContain(`derived seed ${clash} occurs twice`);
  });

  it('counts repeat in the run limit', () => {
    const values = Array.from({ length: 101 }, (_, i) => (i + 1) / 1000);
    const issues = issuesOf(() =>
      expandExperiment({ name: 'big', sweep: { 'optimizer.learningRate': values }, repeat: 100 }),
    );
    expect(issues).toEqual([{ field: 'repeat', message: 'expands to 10100 runs; at most 10000' }]);
  });
});
