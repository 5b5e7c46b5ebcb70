/**
 * The training loop: one spec, one data set, on the active tfjs backend. Pure of I/O: progress
 * and epoch records go out through callbacks; the caller stores them and decides on cancel.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../data/types.ts';
import type { Spec } from '../experiment/spec.ts';
import { Network } from '../model/network.ts';
import { planModel } from '../model/plan.ts';
import { createRng } from '../util/rng.ts';
import { createOptimizer } from './optimizer/index.ts';
import { batchRanges, disposeBatch, makeBatch } from './batches.ts';
import { evaluate, TermAccumulator } from './epoch-metrics.ts';
import { layerRecords, snapshotKernels } from './layer-records.ts';
import { runProbe } from './probe.ts';
import type { EpochRecord, ProgressEvent } from '../domain/records.ts';
import { type DzSource, dzSourceOf, gradientHealth } from '../domain/health.ts';
import { type StepState, trainStep } from './step.ts';
import { vanishingRatio } from './stats.ts';
import { startWeighting, strategyFor } from './weighting/index.ts';

export interface TrainOptions {
  spec: Spec;
  dataset: Dataset;
  runId?: string;
  onProgress?: (p: ProgressEvent) => void;
  onEpoch?: (rec: EpochRecord) => void;
  /** checked between batches; true stops the run as `cancelled` */
  shouldStop?: () => boolean;
  /** least time between two progress events, ms */
  progressIntervalMs?: number;
}

export interface TrainResult {
  status: 'completed' | 'cancelled' | 'diverged';
  epochs: number;
  message?: string;
}

export function createState(spec: Spec, ds: Dataset): StepState {
  const plan = planModel(spec, [ds.height, ds.width, 1], ds.classNames.length);
  const net = new Network(plan, spec.model.init, spec.seed);
  const weighting = startWeighting(strategyFor(spec.weighting.method), { spec, plan, net });
  return {
    net,
    plan,
    spec,
    optimizer: createOptimizer(spec.optimizer, {
      decayed: new Set(net.trainable().flatMap((v) => (v.name.endsWith('/kernel') ? [v.name] : []))),
    }),
    weights: [...weighting.run.initialWeights],
    weighting,
  };
}

export function disposeState(st: StepState): void {
  st.net.dispose();
  st.weighting.run.dispose?.();
  st.optimizer.dispose();
}

export async function train(o: TrainOptions): Promise<TrainResult> {
  const { spec, dataset: ds } = o;
  const st = createState(spec, ds);
  try {
    return await loop(o, st);
  } finally {
    disposeState(st);
  }
}

async function loop(o: TrainOptions, st: StepState): Promise<TrainResult> {
  const { spec, dataset: ds } = o;
  const rng = createRng(spec.seed).fork('shuffle');
  const ranges = batchRanges(ds.train.count, spec.batchSize);
  const order = Int32Array.from({ length: ds.train.count }, (_, i) => i);
  const probeIdx = Int32Array.from({ length: Math.min(spec.stats.probeBatchSize, ds.val.count) }, (_, i) => i);
  const lossHistory: number[][] = [];
  const started = Date.now();
  let lastProgress = 0;
  // the newest probed dL/dz, carried into the health of epochs without a probe
  let lastDz: DzSource | null = null;
  for (let epoch = 1; epoch <= spec.epochs; epoch++) {
    const t0 = Date.now();
    st.weighting.run.epochStart?.(st, lossHistory);
    rng.shuffle(order);
    const acc = new TermAccumulator(st.plan);
    let before: tf.Tensor[] = [];
    const epochStart = snapshotKernels(st);
    let grads: tf.NamedTensorMap | null = null;
    let lossSum = 0,
      seen = 0;
    for (let b = 0; b < ranges.length; b++) {
      if (o.shouldStop?.()) {
        tf.dispose(epochStart);
        return { status: 'cancelled', epochs: epoch - 1 };
      }
      const last = b === ranges.length - 1;
      const batch = makeBatch(ds, ds.train, order.subarray(ranges[b][0], ranges[b][1]));
      if (last) before = snapshotKernels(st);
      const r = trainStep(st, batch.x, batch.t, last);
      disposeBatch(batch);
      if (!Number.isFinite(r.loss)) {
        if (r.grads) tf.dispose([...Object.values(r.grads), ...before]);
        tf.dispose(epochStart);
        return {
          status: 'diverged',
          epochs: epoch - 1,
          message: `loss became ${r.loss} at epoch ${epoch}, batch ${b + 1}`,
        };
      }
      grads = r.grads;
      acc.add(batch.size, r.termLosses, r.sums);
      lossSum += r.loss * batch.size;
      seen += batch.size;
      const now = Date.now();
      if (o.onProgress && (now - lastProgress >= (o.progressIntervalMs ?? 200) || last)) {
        lastProgress = now;
        const fraction = (epoch - 1 + (b + 1) / ranges.length) / spec.epochs;
        const elapsedMs = now - started;
        o.onProgress({
          runId: o.runId ?? '',
          epoch,
          epochs: spec.epochs,
          batch: b + 1,
          batches: ranges.length,
          loss: lossSum / seen,
          fraction,
          elapsedMs,
          etaMs: (elapsedMs / fraction) * (1 - fraction),
        });
      }
    }
    const trainMs = Date.now() - t0;
    lossHistory.push(acc.meanLosses());
    const val = evaluate(st.net, st.plan, ds, ds.val, spec.batchSize);
    const probed = epoch === 1 || epoch === spec.epochs || epoch % spec.stats.probeEvery === 0;
    let probe = null;
    if (probed) {
      const pb = makeBatch(ds, ds.val, probeIdx);
      probe = runProbe(st, pb.x, pb.t);
      disposeBatch(pb);
    }
    const layers = layerRecords(st, grads!, before, epochStart, probe, spec.stats.histogramBins);
    lastDz = dzSourceOf(epoch, layers) ?? lastDz;
    tf.dispose(Object.values(grads!));
    const rec: EpochRecord = {
      epoch,
      durationMs: Date.now() - t0,
      samplesPerSec: ds.train.count / Math.max(1e-3, trainMs / 1000),
      metrics: [...acc.metrics('train'), ...val.metrics('val')],
      weights: Object.fromEntries(st.plan.terms.map((t, i) => [t.id, st.weights[i]])),
      layers,
      taskGrads: probe?.taskGrads ?? [],
      taskCosines: probe?.taskCosines ?? [],
      vanishingRatio: vanishingRatio(layers.filter((l) => l.trunk).map((l) => l.gradL2)),
      health: gradientHealth(layers, lastDz, spec.stats.healthDecades),
      probed,
    };
    o.onEpoch?.(rec);
    await new Promise((r) => setImmediate(r));
  }
  return { status: 'completed', epochs: spec.epochs };
}
