import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseSpec, WEIGHTINGS, type WeightingMethod } from '../../../src/experiment/spec.ts';
import { WEIGHTING_INFO } from '../../../src/experiment/weighting-info.ts';
import { Network } from '../../../src/model/network.ts';
import { planModel } from '../../../src/model/plan.ts';
import { startWeighting, strategyFor, WEIGHTING_STRATEGIES } from '../../../src/train/weighting/index.ts';
import { useCpu } from '../../helpers/tf-cpu.ts';

beforeAll(useCpu);

const registered = Object.entries(WEIGHTING_STRATEGIES) as [
  WeightingMethod,
  (typeof WEIGHTING_STRATEGIES)[WeightingMethod],
][];

/** A 3-term run (cls, its aux head on layer 1, recon) for a given method. */
function context(method: WeightingMethod) {
  const spec = parseSpec({
    model: { depth: 2, width: 4 },
    data: { kind: 'shapes', imageSize: 8 },
    tasks: [
      { kind: 'cls', aux: { layer: 1, weight: 0.3 } },
      { kind: 'recon', weight: 2 },
    ],
    weighting: { method },
  });
  const plan = planModel(spec, [8, 8, 1], 3);
  return { spec, plan, net: new Network(plan, spec.model.init, spec.seed) };
}

describe('weighting registry', () => {
  afterEach(() => tf.disposeVariables());

  it('has exactly one strategy for every method of the spec', () => {
    for (const m of WEIGHTINGS) expect(WEIGHTING_STRATEGIES[m], m).toBeDefined();
    expect(Object.keys(WEIGHTING_STRATEGIES).sort()).toEqual([...WEIGHTINGS].sort());
  });

  it('refuses a method without a strategy, naming the field, instead of falling back', () => {
    expect(() => strategyFor('nash' as WeightingMethod)).toThrow(/weighting\.method: no strategy for "nash"/);
  });

  it.each(registered)('%s carries its full name, one sentence and its source', (m, s) => {
    expect(s.info).toBe(WEIGHTING_INFO[m]);
    expect(s.info.title.toLowerCase()).not.toBe(m);
    expect(s.info.summary).toMatch(/^[A-Z].*\.$/);
    expect(s.info.summary).not.toMatch(/\.\s/);
    expect(s.info.citation.length).toBeGreaterThan(10);
    if (s.info.url) expect(s.info.url).toMatch(/^https:\/\/arxiv\.org\/abs\/\d{4}\.\d{5}$/);
  });

  it('only gradient-combining methods take one backward pass per term', () => {
    const perTerm = registered.filter(([, s]) => s.needsTaskGrads).map(([m]) => m);
    // GradNorm steers its weights by per-term norms on one layer, but applies the weighted sum's gradient
    expect(perTerm.sort()).toEqual(['mgda', 'pcgrad']);
  });

  it.each(registered)('%s starts a run with one usable weight per term and frees what it made', (m, s) => {
    const ctx = context(m);
    const before = tf.memory().numTensors;
    const active = startWeighting(s, ctx);
    expect(active.needsTaskGrads).toBe(s.needsTaskGrads);
    const w = active.run.initialWeights;
    expect(w).toHaveLength(3);
    for (const x of w) expect(Number.isFinite(x) && x >= 0).toBe(true);
    if (active.needsTaskGrads) {
      expect(active.run.termScale({ ...ctx, weights: w })).toHaveLength(3);
    } else {
      for (const v of active.run.variables) expect(v.trainable).toBe(true);
    }
    active.run.dispose?.();
    expect(tf.memory().numTensors).toBe(before);
    ctx.net.dispose();
  });

  it('the training loop and the step name no method: all of it goes through the registry', () => {
    for (const file of ['trainer.ts', 'step.ts']) {
      const src = readFileSync(new URL(`../../../src/train/${file}`, import.meta.url), 'utf8');
      for (const m of WEIGHTINGS) expect(src, `${file} mentions ${m}`).not.toMatch(new RegExp(`\\b${m}\\b`, 'i'));
    }
  });
});
