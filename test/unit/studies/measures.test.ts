/** Each study's measures on synthetic runs whose answer is known by construction. */
import { describe, expect, it } from 'vitest';
import { deepSupervision } from '../../../src/studies/deep-supervision.ts';
import { dzDecay, glorotInit } from '../../../src/studies/glorot-init.ts';
import { heDepth } from '../../../src/studies/he-depth.ts';
import { slope } from '../../../src/studies/run-values.ts';
import { seedMultitask } from '../../../src/studies/seed-multitask.ts';
import { geometric, syntheticRun } from './synthetic.ts';

const jitter = (seed: number) => 0.004 * (seed - 2);

describe('the dL/dz decay fit', () => {
  it('a geometric decay of 0.24 decades/layer fits to 0.24', () => {
    const run = syntheticRun({ model: { depth: 8 } }, [{ dzLog10: geometric(8, 0.24) }]);
    expect(dzDecay(run)).toBeCloseTo(0.24, 10);
  });

  it('skips a layer whose dz is zero (no point on a log axis) and needs two points', () => {
    expect(slope([-3, NaN, -2])).toBeCloseTo(0.5, 10);
    expect(slope([-3])).toBeNaN();
  });
});

describe('glorot-init', () => {
  const decays: Record<string, number> = {
    'tanh/standard': 0.239,
    'tanh/glorot_uniform': 0.06,
    'sigmoid/standard': 0.85,
    'sigmoid/glorot_uniform': 0.62,
  };
  const runs = [1, 2, 3].flatMap((seed) =>
    Object.entries(decays).map(([key, d]) => {
      const [activation, init] = key.split('/');
      const spec = { seed, model: { depth: 8, activation, init } } as const;
      return syntheticRun(spec as never, [{ dzLog10: geometric(8, d + jitter(seed)) }]);
    }),
  );

  it('measures each arm’s decay over seeds and reproduces the paper’s figures', () => {
    const m = glorotInit.measure(runs);
    const decay = m.quantities.find((q) => q.id === 'dz-decay')!;
    expect(decay.arms.map((a) => a.arm)).toEqual([
      'tanh · standard init',
      'tanh · normalised init',
      'sigmoid · standard init',
      'sigmoid · normalised init',
    ]);
    expect(decay.arms[0].stat.mean).toBeCloseTo(0.239, 10);
    expect(decay.arms[0].stat.values).toHaveLength(3);
    expect(decay.arms[0].stat.std).toBeCloseTo(0.004, 10);
    expect(m.findings.map((f) => f.verdict)).toEqual(['reproduced', 'reproduced', 'reproduced', 'reproduced']);
    expect(m.charts.find((c) => c.id === 'dz-heatmap')?.heatmap?.rows).toHaveLength(4);
    // the Studies view draws two charts a row (about 540 px): a longer title is clipped at both ends
    for (const c of m.charts) expect(c.title.length, c.title).toBeLessThanOrEqual(72);
  });

  it('does not reproduce when the normalised init decays as fast as the standard one', () => {
    const same = runs.map((r) => ({ ...r, epochs: r.epochs.map((e) => ({ ...e })) }));
    const flat = glorotInit.measure(
      same.map((r) =>
        r.spec.model.init === 'glorot_uniform' && r.spec.model.activation === 'tanh'
          ? syntheticRun(r.spec, [{ dzLog10: geometric(8, 0.239 + jitter(r.spec.seed)) }])
          : r,
      ),
    );
    expect(flat.findings.find((f) => f.id === 'tanh-normalised-less')?.verdict).toBe('not reproduced');
  });
});

describe('he-depth', () => {
  const loss = { he_normal: 0.95, glorot_uniform: Math.log(3), standard: Math.log(3) };
  const runs = [1, 2, 3].flatMap((seed) =>
    Object.entries(loss).map(([init, l]) =>
      syntheticRun({ seed, model: { depth: 30, init: init as 'standard' } }, [
        { dzLog10: geometric(30, 0), metrics: { 'cls/train/loss': l + (init === 'he_normal' ? jitter(seed) * 5 : 0) } },
      ]),
    ),
  );

  it('the He init leaves chance, the others stay at ln 3', () => {
    const m = heDepth.measure(runs);
    expect(m.quantities[0].arms.map((a) => [a.arm, Number(a.stat.mean.toFixed(3))])).toEqual([
      ['He init', 0.95],
      ['Glorot init', 1.099],
      ['small-variance init', 1.099],
    ]);
    expect(m.findings.map((f) => f.verdict)).toEqual(['reproduced', 'reproduced', 'reproduced']);
  });
});

describe('deep-supervision', () => {
  // no aux: 0.84 decades/layer of vanishing; an aux head at L gives layers ≤ L their own top again
  const profile = (aux: number | null, seed: number) =>
    geometric(10, 0.84, -1 + jitter(seed)).map((v, i) => (aux !== null && i < aux ? v + 0.84 * (aux - 1) - 0.2 : v));
  const runs = [1, 2, 3].flatMap((seed) =>
    [null, 2, 5, 9].map((aux) =>
      syntheticRun(
        {
          seed,
          model: { depth: 10, activation: 'sigmoid' },
          tasks: [{ kind: 'cls', primary: true, ...(aux === null ? {} : { aux: { layer: aux } }) }],
        },
        [{ gradLog10: profile(aux, seed) }],
      ),
    ),
  );

  it('measures each layer’s gain over the same seed’s no-aux run, and which layers are rescued', () => {
    const m = deepSupervision.measure(runs);
    const first = m.quantities.find((q) => q.id === 'gain-trunk1')!;
    expect(first.arms.map((a) => [a.arm, Number(a.stat.mean.toFixed(2)), Number(a.stat.std.toFixed(9))])).toEqual([
      ['aux @ layer 2', 0.64, 0],
      ['aux @ layer 5', 3.16, 0],
      ['aux @ layer 9', 6.52, 0],
    ]);
    const above = m.quantities.find((q) => q.id === 'gain-above')!;
    expect(above.arms.map((a) => a.stat.mean)).toEqual([0, 0, 0]);
    const byId = Object.fromEntries(m.findings.map((f) => [f.id, f]));
    expect(byId['aux2-raises-trunk1'].verdict).toBe('not reproduced');
    expect(byId['aux5-raises-trunk1'].verdict).toBe('reproduced');
    expect(byId['aux5-only-below'].verdict).toBe('reproduced');
    expect(byId['aux5-only-below'].measured).toContain('rescued (≥ 1 decade): trunk.1, trunk.2, trunk.3, trunk.4');
  });
});

describe('seed-multitask', () => {
  const run = (seed: number, deep: boolean, tasks: 'cls' | 'equal' | 'lambda', conv1: number) =>
    syntheticRun(
      {
        seed,
        model: deep
          ? { trunk: 'cnn', depth: 6, width: 8, activation: 'sigmoid', denseUnits: 64 }
          : { trunk: 'cnn', depth: 2, width: 16, activation: 'relu' },
        tasks:
          tasks === 'cls'
            ? [{ kind: 'cls', primary: true }]
            : [
                { kind: 'cls', primary: true, weight: tasks === 'equal' ? 1 : 0.5 },
                { kind: 'seg', weight: tasks === 'equal' ? 1 : 0.5 },
              ],
      },
      [{ gradLog10: [conv1, -1, -1], taskGrads: { cls: 1, seg: 0.015 } }],
    );

  it('separates the λ factor from the extra task’s own gradient, for both networks', () => {
    const runs = [1, 2, 3].flatMap((seed) => [
      // seed CNN: the seg task adds nothing; λ = 0.5 halves conv1's gradient
      run(seed, false, 'cls', -2 + jitter(seed)),
      run(seed, false, 'equal', -2 + jitter(seed)),
      run(seed, false, 'lambda', -2 + Math.log10(0.5) + jitter(seed)),
      // deep CNN: the seg task raises conv1 by half a decade
      run(seed, true, 'cls', -6 + jitter(seed)),
      run(seed, true, 'equal', -5.5 + jitter(seed) + 0.01 * seed),
      run(seed, true, 'lambda', -5.5 + Math.log10(0.5) + jitter(seed)),
    ]);
    const m = seedMultitask.measure(runs);
    const lambda = m.quantities.find((q) => q.id === 'conv1-gain-lambda')!;
    expect(lambda.arms.map((a) => Number(a.stat.mean.toFixed(3)))).toEqual([-0.301, 0.199]);
    const ratio = m.quantities.find((q) => q.id === 'seg-over-cls')!;
    expect(ratio.arms[0].stat.mean).toBeCloseTo(Math.log10(0.015), 10);
    expect(m.findings.map((f) => [f.id, f.verdict])).toEqual([
      ['seed-beyond-scaling', 'not reproduced'],
      ['deep-beyond-scaling', 'reproduced'],
    ]);
    expect(m.findings[0].measured).toContain('1.5 % of cls’s');
  });
});
