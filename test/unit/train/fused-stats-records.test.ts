/**
 * An epoch's layer records and probe, end to end, are the same with the statistics on the native
 * tier's loops as on the JavaScript: every field of every layer, the histograms and the task
 * cosines included (toEqual, so bit for bit). Skipped, with a warning, where the addon does not
 * load or predates the loops.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/data/index.ts';
import { parseSpec } from '../../../src/experiment/spec.ts';
import { Network } from '../../../src/model/network.ts';
import { planModel } from '../../../src/model/plan.ts';
import { loadBlas, setBlasEnabled } from '../../../src/train/backend/blas.ts';
import { disposeBatch, makeBatch } from '../../../src/train/batches.ts';
import { layerRecords, snapshotKernels } from '../../../src/train/layer-records.ts';
import { runProbe } from '../../../src/train/probe.ts';
import { type StepState, trainStep } from '../../../src/train/step.ts';
import { useCpu } from '../../helpers/tf-cpu.ts';

const load = loadBlas();
const missing = !load.ok
  ? `native tier off: ${load.reason}`
  : !load.addon.gradientStats
    ? 'addon predates hoststats.c'
    : null;
if (missing) console.warn(`skipping the native statistics record test (${missing})`);

beforeAll(useCpu);
afterEach(() => {
  setBlasEnabled(true);
  tf.disposeVariables();
});

describe.skipIf(missing !== null)('epoch records on the native statistics loops', () => {
  it.each(['tanh', 'sigmoid', 'relu'])('%s trunk: layer records and probe equal the JavaScript path', (activation) => {
    const spec = parseSpec({
      data: { kind: 'shapes', imageSize: 8, trainCount: 16, valCount: 8 },
      model: { depth: 3, width: 6, activation },
      tasks: [{ kind: 'cls' }, { kind: 'seg' }],
      optimizer: { kind: 'sgd', learningRate: 0.1 },
    });
    const ds = loadDataset(spec.data, spec.seed);
    const plan = planModel(spec, [8, 8, 1], ds.classNames.length);
    const net = new Network(plan, spec.model.init, spec.seed);
    // Σ wᵢLᵢ with the weights in force (no strategy hooks)
    const weighting = { needsTaskGrads: false as const, run: { initialWeights: [1, 1], variables: [] } };
    const st: StepState = { net, plan, spec, optimizer: tf.train.sgd(0.1), weights: [1, 1], weighting };
    const b = makeBatch(ds, ds.train, [0, 1, 2, 3, 4, 5, 6, 7]);
    const epochStart = snapshotKernels(st);
    trainStep(st, b.x, b.t, false);
    const before = snapshotKernels(st);
    const r = trainStep(st, b.x, b.t, true);
    const records = () => {
      const probe = runProbe(st, b.x, b.t);
      const clones = (ts: tf.Tensor[]) => ts.map((t) => tf.clone(t));
      return { probe, layers: layerRecords(st, r.grads!, clones(before), clones(epochStart), probe, 20) };
    };
    const native = records();
    setBlasEnabled(false);
    const js = records();
    expect(native).toEqual(js);
    // the records are real ones: every layer, probed, its histogram counting every kernel entry
    expect(native.layers).toHaveLength(plan.layers.length);
    expect(native.probe.taskCosines).toHaveLength(1);
    for (const l of native.layers) {
      expect(l.dzL2).not.toBeNull();
      expect(l.histogram.counts.reduce((a, c) => a + c, 0)).toBe(l.params);
    }
    tf.dispose([...before, ...epochStart, ...Object.values(r.grads!)]);
    disposeBatch(b);
    st.optimizer.dispose();
    net.dispose();
  });
});
