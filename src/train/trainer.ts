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
import { LastFiniteBatch } from './last-finite.ts';
import { layerRecords, snapshotKernels } from './layer-records.ts';
import { partialEpoch } from './partial-epoch.ts';
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

/** Progress events at most every `progressIntervalMs`, and always at an epoch's last batch. */
function progressReporter(o: TrainOptions, batches: number) {
  const started = Date.now();
  let lastProgress = 0;
  return (epoch: number, batch: number, loss: number) => {
    const now = Date.now();
    if (!o.onProgress || (now - lastProgress < (o.progressIntervalMs ?? 200) && batch < batches)) return;
    lastProgress = now;
    const fraction = (epoch - 1 + batch / batches) / o.spec.epochs;
    const elapsedMs = now - started;
    const etaMs = (elapsedMs / fraction) * (1 - fraction);
    o.onProgress({
      runId: o.runId ?? '',
      epoch,
      epochs: o.spec.epochs,
      batch,
      batches,
      loss,
      fraction,
      elapsedMs,
      etaMs,
    });
  };
}

async function loop(o: TrainOptions, st: StepState): Promise<TrainResult> {
  const lastFinite = new LastFiniteBatch();
  try {
    return await epochs(o, st, lastFinite);
  } finally {
    lastFinite.free();
  }
}

async function epochs(o: TrainOptions, st: StepState, lastFinite: LastFiniteBatch): Promise<TrainResult> {
  const { spec, dataset: ds } = o;
  const rng = createRng(spec.seed).fork('shuffle');
  const ranges = batchRanges(ds.train.count, spec.batchSize);
  const order = Int32Array.from({ length: ds.train.count }, (_, i) => i);
  const probeIdx = Int32Array.from({ length: Math.min(spec.stats.probeBatchSize, ds.val.count) }, (_, i) => i);
  const lossHistory: number[][] = [];
  const report = progressReporter(o, ranges.length);
  // the newest probed dL/dz, carried into the health of epochs without a probe
  let lastDz: DzSource | null = null;
  for (let epoch = 1; epoch <= spec.epochs; epoch++) {
    const t0 = Date.now();
    st.weighting.run.epochStart?.(st, lossHistory);
    rng.shuffle(order);
    const acc = new TermAccumulator(st.plan);
    const epochStart = snapshotKernels(st);
    let lossSum = 0,
      seen = 0;
    for (let b = 0; b < ranges.length; b++) {
      if (o.shouldStop?.()) {
        tf.dispose(epochStart);
        return { status: 'cancelled', epochs: epoch - 1 };
      }
      const batch = makeBatch(ds, ds.train, order.subarray(ranges[b][0], ranges[b][1]));
      // every batch's gradient and prior kernels are kept until the next batch proves finite
      const before = snapshotKernels(st);
      const r = trainStep(st, batch.x, batch.t, true);
      disposeBatch(batch);
      if (!Number.isFinite(r.loss)) {
        tf.dispose(Object.values(r.grads!));
        o.onEpoch?.(
          partialEpoch({
            st,
            epoch,
            batch: b + 1,
            batches: ranges.length,
            loss: r.loss,
            acc,
            seen,
            lastFinite,
            after: before,
            epochStart,
            lastDz,
            t0,
          }),
        );
        const at = `epoch ${epoch}, batch ${b + 1} of ${ranges.length}`;
        return { status: 'diverged', epochs: epoch - 1, message: `loss became ${r.loss} at ${at}` };
      }
      lastFinite.hold({ grads: r.grads!, before, weights: [...st.weights] });
      acc.add(batch.size, r.termLosses, r.sums);
      lossSum += r.loss * batch.size;
      seen += batch.size;
      report(epoch, b + 1, lossSum / seen);
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
    const held = lastFinite.current!;
    const layers = layerRecords(st, held.grads, lastFinite.beforeClones(), epochStart, probe, spec.stats.histogramBins);
    lastDz = dzSourceOf(epoch, layers) ?? lastDz;
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
      partial: false,
      divergence: null,
    };
    o.onEpoch?.(rec);
    await new Promise((r) => setImmediate(r));
  }
  return { status: 'completed', epochs: spec.epochs };
}
