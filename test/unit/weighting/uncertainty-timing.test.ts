/**
 * Uncertainty weighting records the weights in force AFTER a step (from the updated log-variances),
 * so the epoch record and the probe no longer lag one step behind; a step still reports its loss
 * with the weights it differentiated at.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/data/index.ts';
import { parseSpec } from '../../../src/experiment/spec.ts';
import { Network } from '../../../src/model/network.ts';
import { planModel } from '../../../src/model/plan.ts';
import { disposeBatch, makeBatch } from '../../../src/train/batches.ts';
import { type StepState, trainStep } from '../../../src/train/step.ts';
import { startWeighting } from '../../../src/train/weighting/strategy.ts';
import { strategyFor, uncertaintyWeights } from '../../../src/train/weighting/index.ts';
import { useCpu } from '../../helpers/tf-cpu.ts';

beforeAll(useCpu);
afterEach(() => tf.disposeVariables());

describe('uncertainty weighting: weights in force after the step', () => {
  it('st.weights equal c·exp(−s) of the log-variances the optimiser just updated', () => {
    const spec = parseSpec({
      data: { kind: 'shapes', imageSize: 8, trainCount: 16, valCount: 8 },
      model: { depth: 2, width: 4 },
      tasks: [{ kind: 'cls' }, { kind: 'recon' }],
      weighting: { method: 'uncertainty' },
      optimizer: { kind: 'sgd', learningRate: 0.5 },
    });
    const ds = loadDataset(spec.data, spec.seed);
    const plan = planModel(spec, [8, 8, 1], ds.classNames.length);
    const net = new Network(plan, spec.model.init, spec.seed);
    const weighting = startWeighting(strategyFor('uncertainty'), { spec, plan, net });
    const run = weighting.run as { initialWeights: number[]; variables: tf.Variable[] };
    const regression = [false, true]; // cls: classification (c = 1); recon: regression (c = ½)
    expect(run.initialWeights).toEqual([1, 0.5]);
    const st: StepState = {
      net,
      plan,
      spec,
      optimizer: tf.train.sgd(0.5),
      weights: [...run.initialWeights],
      weighting,
    };
    const logVars = run.variables[0];
    for (let i = 0; i < 3; i++) {
      const before = Array.from(logVars.dataSync());
      const b = makeBatch(ds, ds.train, [0, 1, 2, 3]);
      const r = trainStep(st, b.x, b.t, false);
      disposeBatch(b);
      const after = Array.from(logVars.dataSync());
      expect(after).not.toEqual(before); // the step moved s
      // the step's loss used the weights of s before it …
      const used = uncertaintyWeights(before, regression);
      expect(r.loss).toBeCloseTo(used[0] * r.termLosses[0] + used[1] * r.termLosses[1], 5);
      // … and the weights now in force are those of s after it
      expect(st.weights).toEqual(uncertaintyWeights(after, regression));
    }
    st.optimizer.dispose();
    net.dispose();
  });
});
