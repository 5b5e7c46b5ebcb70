/**
 * Where an epoch's statistics spend their time (node --import tsx bench/stats-profile.ts): per
 * reference model on wasm, wall time and kernel calls of the probe and of layerRecords, each
 * grouped by kernel name. Statistics are the per-epoch overhead, so they are timed apart from steps.
 */
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../src/train/backend/select.ts';
import { disposeBatch, makeBatch } from '../src/train/batches.ts';
import { layerRecords, snapshotKernels } from '../src/train/layer-records.ts';
import { disposeProbeTensors, probeStats, probeTensors, runProbe } from '../src/train/probe.ts';
import { trainStep } from '../src/train/step.ts';
import { createState, disposeState } from '../src/train/trainer.ts';
import { cnnSpec, defaultSpec, mlpSpec, mnistShaped, shapes32 } from './models.ts';

tf.enableProdMode();
await selectBackend('wasm');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cases = [
  ['defaults', defaultSpec, shapes32(512)],
  ['mlp', mlpSpec, mnistShaped(512)],
  ['cnn', cnnSpec, shapes32(512)],
] as const;
for (const [model, spec, ds] of cases) {
  const st = createState(spec, ds);
  const idx = Int32Array.from({ length: spec.batchSize }, (_, i) => i);
  const pb = makeBatch(
    ds,
    ds.val,
    Int32Array.from({ length: spec.stats.probeBatchSize }, (_, i) => i),
  );
  const probeMs: number[] = [];
  const recMs: number[] = [];
  const passMs: number[] = [];
  let probeKernels = new Map<string, number>();
  let recKernels = new Map<string, number>();
  for (let rep = 0; rep < 7; rep++) {
    const b = makeBatch(ds, ds.train, idx);
    const before = snapshotKernels(st);
    const epochStart = snapshotKernels(st);
    const r = trainStep(st, b.x, b.t, true);
    const t0 = performance.now();
    const raw = probeTensors(st, pb.x, pb.t);
    const tp = performance.now();
    let probe = probeStats(st, raw);
    disposeProbeTensors(raw);
    const t1 = performance.now();
    passMs.push(tp - t0);
    layerRecords(st, r.grads!, before, epochStart, probe, spec.stats.histogramBins);
    const t2 = performance.now();
    probeMs.push(t1 - t0);
    recMs.push(t2 - t1);
    if (rep === 6) {
      const count = (ks: { name: string }[]) => {
        const m = new Map<string, number>();
        for (const k of ks) m.set(k.name, (m.get(k.name) ?? 0) + 1);
        return new Map([...m].sort((a, c) => c[1] - a[1]));
      };
      probeKernels = count((await tf.profile(() => void (probe = runProbe(st, pb.x, pb.t)))).kernels);
      const again = [snapshotKernels(st), snapshotKernels(st)];
      recKernels = count(
        (await tf.profile(() => void layerRecords(st, r.grads!, again[0], again[1], probe, spec.stats.histogramBins)))
          .kernels,
      );
    }
    tf.dispose(Object.values(r.grads!));
    disposeBatch(b);
  }
  const total = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);
  console.log(
    JSON.stringify({
      model,
      probeMs: +median(probeMs).toFixed(1),
      probePassesMs: +median(passMs).toFixed(1),
      recordsMs: +median(recMs).toFixed(1),
      probeCalls: total(probeKernels),
      recordsCalls: total(recKernels),
      probeTop: Object.fromEntries([...probeKernels].slice(0, 10)),
      recordsTop: Object.fromEntries([...recKernels].slice(0, 10)),
    }),
  );
  disposeBatch(pb);
  disposeState(st);
}
