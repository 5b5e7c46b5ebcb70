/** The step forms its gradient the way the strategy declares, and calls each of its hooks. */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDataset } from '../../../src/data/index.ts';
import { parseSpec } from '../../../src/experiment/spec.ts';
import { Network } from '../../../src/model/network.ts';
import { planModel } from '../../../src/model/plan.ts';
import { disposeBatch, makeBatch } from '../../../src/train/batches.ts';
import { type StepState, trainStep } from '../../../src/train/step.ts';
import type { ActiveWeighting } from '../../../src/train/weighting/index.ts';
import { useCpu } from '../../helpers/tf-cpu.ts';

beforeAll(useCpu);
afterEach(() => tf.disposeVariables());

const spec = parseSpec({
  data: { kind: 'shapes', imageSize: 8, trainCount: 16, valCount: 8 },
  model: { depth: 2, width: 4 },
  tasks: [{ kind: 'cls' }, { kind: 'seg' }],
  optimizer: { kind: 'sgd', learningRate: 0.1 },
});

function step(weighting: ActiveWeighting) {
  const ds = loadDataset(spec.data, spec.seed);
  const plan = planModel(spec, [8, 8, 1], ds.classNames.length);
  const net = new Network(plan, spec.model.init, spec.seed);
  const st: StepState = { net, plan, spec, optimizer: tf.train.sgd(0.1), weights: [1, 1], weighting };
  const before = net.trainable().map((v) => v.dataSync().slice());
  const b = makeBatch(ds, ds.train, [0, 1, 2, 3]);
  const r = trainStep(st, b.x, b.t, true);
  disposeBatch(b);
  const moved = net.trainable().map((v, i) => ({
    name: v.name,
    shared: net.shared().includes(v),
    moved: v.dataSync().some((x, j) => x !== before[i][j]),
  }));
  const sharedSize = net.shared().reduce((n, v) => n + v.size, 0);
  tf.dispose(Object.values(r.grads!));
  st.optimizer.dispose();
  net.dispose();
  return { r, st, moved, sharedSize };
}

describe('the weighting seam of trainStep', () => {
  it('needsTaskGrads: one gradient per term goes to combine, whose result is what the trunk receives', () => {
    const seen: number[][] = [];
    const combine = vi.fn((_st, shared: tf.Tensor1D[]) => {
      seen.push(shared.map((g) => g.shape[0]));
      return tf.zerosLike(shared[0]);
    });
    const termScale = vi.fn(() => [1, 1]);
    const { r, moved, sharedSize } = step({
      needsTaskGrads: true,
      run: { initialWeights: [1, 1], termScale, combine },
    });
    expect(termScale).toHaveBeenCalledOnce();
    expect(seen).toEqual([[sharedSize, sharedSize]]);
    // a zero combined gradient leaves the trunk where it was; the heads still learn from their own terms
    for (const m of moved) expect(m.moved, m.name).toBe(!m.shared);
    expect(r.termLosses).toHaveLength(2);
  });

  it('without: one backward pass of the strategy loss, then afterBackward and afterStep with the losses', () => {
    const loss = vi.fn((_st, losses: tf.Scalar[]) => tf.mul(losses[0], 0) as tf.Scalar);
    const afterBackward = vi.fn((s: { weights: number[] }) => (s.weights = [0.5, 0.25]));
    let forwarded = 0;
    const afterStep = vi.fn((_st, view: { termLosses: number[]; forward(): tf.Scalar[] }) => {
      forwarded = tf.tidy(() => view.forward().length);
    });
    const { r, moved } = step({
      needsTaskGrads: false,
      run: { initialWeights: [1, 1], variables: [], loss, afterBackward, afterStep },
    });
    expect(loss).toHaveBeenCalledOnce();
    expect(loss.mock.calls[0][1]).toHaveLength(2);
    // the loss ignores every term (×0), so nothing moves
    for (const m of moved) expect(m.moved, m.name).toBe(false);
    // the reported loss uses the weights afterBackward set
    expect(r.loss).toBeCloseTo(0.5 * r.termLosses[0] + 0.25 * r.termLosses[1], 6);
    expect(afterStep).toHaveBeenCalledOnce();
    expect(afterStep.mock.calls[0][1].termLosses).toEqual(r.termLosses);
    expect(forwarded).toBe(2);
  });
});
