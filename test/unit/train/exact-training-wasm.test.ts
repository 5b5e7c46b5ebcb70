/**
 * Issue 9 "done when", on real training: the statistics a step stores on wasm are those of float64
 * arithmetic on the tensors they describe, and a 2M-weight layer's norms agree with the cpu backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/data/index.ts';
import { parseSpec, type Spec } from '../../../src/experiment/spec.ts';
import { selectBackend } from '../../../src/train/backend/select.ts';
import { disposeBatch, makeBatch } from '../../../src/train/batches.ts';
import { layerRecords, snapshotKernels } from '../../../src/train/layer-records.ts';
import { disposeProbeTensors, probeStats, probeTensors } from '../../../src/train/probe.ts';
import { cosine, l2, saturation, summarize, updateRatio, vanishingRatio } from '../../../src/train/stats.ts';
import { trainStep } from '../../../src/train/step.ts';
import { createState, disposeState } from '../../../src/train/trainer.ts';

const rel = (got: number, want: number) => (want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want));
const read = (t: tf.Tensor) => Float64Array.from(t.dataSync());
const range = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
const concat = (parts: Float64Array[]) => Float64Array.from(parts.flatMap((p) => Array.from(p)));

/** One captured training step and its probe; the raw tensors are read into float64 before any statistic. */
function oneStep(spec: Spec) {
  const ds = loadDataset(spec.data, spec.seed);
  const tensorsBefore = tf.memory().numTensors;
  const st = createState(spec, ds);
  const b = makeBatch(ds, ds.train, range(spec.batchSize));
  const before = snapshotKernels(st);
  // one step is the whole "epoch" here: the epoch's start is the step's start
  const epochStart = snapshotKernels(st);
  const rawBefore = before.map(read);
  const r = trainStep(st, b.x, b.t, true);
  const grads = st.net.vars.map((v) => read(r.grads![v.kernel.name]));
  const after = st.net.vars.map((v) => read(v.kernel));
  const pb = makeBatch(ds, ds.val, range(spec.stats.probeBatchSize));
  const pt = probeTensors(st, pb.x, pb.t);
  const raw = { dz: pt.dz.map(read), acts: pt.acts.map(read), shared: pt.shared.map((g) => concat(g.map(read))) };
  const probe = probeStats(st, pt);
  const layers = layerRecords(st, r.grads!, before, epochStart, probe, spec.stats.histogramBins);
  disposeProbeTensors(pt);
  tf.dispose(Object.values(r.grads!));
  [b, pb].forEach(disposeBatch);
  const plan = st.plan;
  disposeState(st);
  const leaked = tf.memory().numTensors - tensorsBefore;
  return { leaked, plan, layers, probe, raw, rawBefore, grads, after };
}

afterAll(() => selectBackend('wasm'));

describe('exact statistics of training steps', () => {
  it('every stored statistic of the seed CNN on wasm is within 1e-6 of float64 on its raw tensors', async () => {
    await selectBackend('wasm');
    const seed = JSON.parse(readFileSync(new URL('../../../examples/seed-cnn-cls-seg.json', import.meta.url), 'utf8'));
    const spec = parseSpec({ ...seed, data: { ...seed.data, trainCount: 64, valCount: 32 }, batchSize: 32 });
    const s = oneStep(spec);
    const checks: Array<[string, number | null, number | null]> = [];
    s.layers.forEach((l, i) => {
      const g = summarize(s.grads[i]);
      const dz = summarize(s.raw.dz[i]);
      const act = summarize(s.raw.acts[i]);
      const sat = saturation(s.raw.acts[i], s.plan.layers[i].activation);
      checks.push(
        ...(
          [
            ['gradL2', l.gradL2, g.l2],
            ['gradMeanAbs', l.gradMeanAbs, g.meanAbs],
            ['gradStd', l.gradStd, g.std],
            ['gradMaxAbs', l.gradMaxAbs, g.maxAbs],
            ['gradSmallFrac', l.gradSmallFrac, g.smallFrac],
            ['dzL2', l.dzL2, dz.l2],
            ['dzStd', l.dzStd, dz.std],
            ['weightL2', l.weightL2, l2(s.after[i])],
            ['updateRatio', l.updateRatio, updateRatio(s.rawBefore[i], s.after[i])],
            ['actMean', l.actMean, act.mean],
            ['actStd', l.actStd, act.std],
            ['actSaturation', l.actSaturation, sat],
            ['gradRms', l.gradRms, g.l2 / Math.sqrt(s.grads[i].length)],
            ['dzRms', l.dzRms, dz.l2 / Math.sqrt(s.raw.dz[i].length)],
            ['gradZeroFrac', l.gradZeroFrac, s.grads[i].filter((x) => x === 0).length / s.grads[i].length],
            ['updateRatioEpoch', l.updateRatioEpoch, updateRatio(s.rawBefore[i], s.after[i])],
            [
              'updateRms',
              l.updateRms,
              l2(s.after[i].map((x, j) => x - s.rawBefore[i][j])) / Math.sqrt(s.after[i].length),
            ],
          ] as const
        ).map(([name, got, want]): [string, number | null, number | null] => [`${l.layer} ${name}`, got, want]),
      );
    });
    const trunk = s.layers.filter((l) => l.trunk);
    const ref = vanishingRatio(trunk.map((l) => summarize(s.grads[l.index]).l2));
    checks.push(['vanishingRatio', vanishingRatio(trunk.map((l) => l.gradL2)), ref]);
    s.probe.taskGrads.forEach((t, i) => checks.push([`taskGrad ${t.task}`, t.norm, l2(s.raw.shared[i])]));
    // log10|g| quantiles: the centre of a 0.01-decade bin, so within half a bin of the float64 order
    // statistic, or one more bin where float32 log10 lands a value on the other side of an edge
    s.layers.forEach((l, i) => {
      const logs = Array.from(s.grads[i], Math.abs)
        .filter((x) => x > 0)
        .map(Math.log10)
        .sort((x, y) => x - y);
      const at = (q: number) => logs[Math.max(1, Math.ceil(q * logs.length)) - 1];
      for (const [q, got] of [
        [0.05, l.gradLog10P05],
        [0.5, l.gradLog10P50],
        [0.95, l.gradLog10P95],
      ] as const)
        expect(Math.abs(got! - at(q)), `${l.layer} log10 quantile ${q}`).toBeLessThanOrEqual(0.0151);
    });
    for (const [name, got, want] of checks) {
      expect(got === null, `${name} is null on one side only`).toBe(want === null);
      if (got !== null && want !== null) expect(rel(got, want), `relative error of ${name}`).toBeLessThanOrEqual(1e-6);
    }
    expect(s.probe.taskCosines).toHaveLength(1);
    // a cosine has no relative scale near 0; its error is measured against 1
    const cos = cosine(s.raw.shared[0], s.raw.shared[1]);
    expect(Math.abs(s.probe.taskCosines[0].cosine - cos)).toBeLessThanOrEqual(1e-6);
    expect(s.layers.some((l) => l.gradL2 > 0 && l.updateRatio > 0)).toBe(true);
    expect(s.leaked, 'tensors left behind by the statistics').toBe(0);
  }, 60_000);

  it('gradL2 and weightL2 of a 2M-weight dense layer agree between wasm and cpu within 1e-5', async () => {
    const spec = parseSpec({
      data: { kind: 'shapes', imageSize: 32, trainCount: 16, valCount: 8 },
      model: { trunk: 'mlp', depth: 1, width: 2048 },
      tasks: [{ kind: 'cls' }],
      batchSize: 16,
      stats: { probeBatchSize: 8 },
    });
    const on = async (backend: 'wasm' | 'cpu') => {
      await selectBackend(backend);
      return oneStep(spec).layers[0];
    };
    const [wasm, cpu] = [await on('wasm'), await on('cpu')];
    expect(wasm.params).toBe(1024 * 2048);
    expect(rel(wasm.gradL2, cpu.gradL2)).toBeLessThanOrEqual(1e-5);
    expect(rel(wasm.weightL2, cpu.weightL2)).toBeLessThanOrEqual(1e-5);
    expect(wasm.gradL2).toBeGreaterThan(0);
  }, 120_000);
});
