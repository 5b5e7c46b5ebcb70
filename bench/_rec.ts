import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../src/train/backend/select.ts';
import { disposeBatch, makeBatch } from '../src/train/batches.ts';
import { layerRecords, snapshotKernels } from '../src/train/layer-records.ts';
import { runProbe } from '../src/train/probe.ts';
import { trainStep } from '../src/train/step.ts';
import { createState } from '../src/train/trainer.ts';
import { defaultSpec, shapes32 } from './models.ts';
tf.enableProdMode();
await selectBackend('wasm');
const ds = shapes32(512); const spec = defaultSpec;
const st = createState(spec, ds);
const idx = Int32Array.from({ length: spec.batchSize }, (_, i) => i);
const pb = makeBatch(ds, ds.val, Int32Array.from({ length: spec.stats.probeBatchSize }, (_, i) => i));
const T: Record<string, number[]> = {probe: [], rec: [], cap: [], plain: []};
for (let rep = 0; rep < 300; rep++) {
  const b = makeBatch(ds, ds.train, idx);
  let t = performance.now(); const r0 = trainStep(st, b.x, b.t, false); T.plain.push(performance.now()-t);
  t = performance.now();
  const before = snapshotKernels(st); const es = snapshotKernels(st);
  const r = trainStep(st, b.x, b.t, true); T.cap.push(performance.now()-t);
  t = performance.now(); const probe = runProbe(st, pb.x, pb.t); T.probe.push(performance.now()-t);
  t = performance.now(); layerRecords(st, r.grads!, before, es, probe, spec.stats.histogramBins); T.rec.push(performance.now()-t);
  tf.dispose(Object.values(r.grads!)); disposeBatch(b); void r0;
}
const med = (x: number[]) => [...x].sort((a,b)=>a-b)[x.length>>1];
console.log(Object.entries(T).map(([k,v])=>`${k} ${med(v).toFixed(2)}`).join('  '));
