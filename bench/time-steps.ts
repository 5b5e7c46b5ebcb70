/**
 * Timing the training step of one spec on the active backend: the median step after warm-up, and
 * what one epoch's statistics cost at the spec's settings (kernel snapshot, the kept gradient,
 * summaries + histograms, the probe batch).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../src/data/types.ts';
import type { Spec } from '../src/experiment/spec.ts';
import { disposeBatch, makeBatch } from '../src/train/batches.ts';
import { layerRecords, snapshotKernels } from '../src/train/layer-records.ts';
import { runProbe } from '../src/train/probe.ts';
import { trainStep } from '../src/train/step.ts';
import { createState, disposeState } from '../src/train/trainer.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function timeSteps(spec: Spec, ds: Dataset, steps: number, warmup: number) {
  const st = createState(spec, ds);
  const idx = Int32Array.from({ length: spec.batchSize }, (_, i) => i);
  const times: number[] = [];
  for (let i = 0; i < warmup + steps; i++) {
    const b = makeBatch(ds, ds.train, idx);
    const t0 = performance.now();
    const r = trainStep(st, b.x, b.t, false);
    times.push(performance.now() - t0);
    disposeBatch(b);
    if (!Number.isFinite(r.loss)) throw new Error('bench loss not finite');
  }
  const stepMs = median(times.slice(warmup));
  // the statistics of one epoch at defaults: kernel snapshot, the last batch's gradient kept,
  // summaries + histograms on the backend, the probe batch — median of several measurements
  const statsTimes: number[] = [];
  const probeBatch = makeBatch(
    ds,
    ds.val,
    Int32Array.from({ length: spec.stats.probeBatchSize }, (_, i) => i),
  );
  for (let rep = 0; rep < (steps > 1 ? 5 : 1); rep++) {
    const b = makeBatch(ds, ds.train, idx);
    const t0 = performance.now();
    const before = snapshotKernels(st);
    const epochStart = snapshotKernels(st);
    const r = trainStep(st, b.x, b.t, true);
    const captureMs = performance.now() - t0 - stepMs;
    const t1 = performance.now();
    const probe = runProbe(st, probeBatch.x, probeBatch.t);
    layerRecords(st, r.grads!, before, epochStart, probe, spec.stats.histogramBins);
    statsTimes.push(performance.now() - t1 + Math.max(0, captureMs));
    tf.dispose(Object.values(r.grads!));
    disposeBatch(b);
  }
  const statsMs = median(statsTimes);
  disposeBatch(probeBatch);
  disposeState(st);
  return { stepMs, statsMs };
}
