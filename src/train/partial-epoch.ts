/**
 * The record of the epoch a run diverged in: what its finished batches measured, and the layer
 * statistics of the last batch whose loss was finite — the evidence of how the run blew up.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { type DzSource, gradientHealth } from '../domain/health.ts';
import type { EpochRecord } from '../domain/records.ts';
import type { TermAccumulator } from './epoch-metrics.ts';
import type { LastFiniteBatch } from './last-finite.ts';
import { layerRecords } from './layer-records.ts';
import { vanishingRatio } from './stats.ts';
import type { StepState } from './step.ts';

export interface PartialEpochInput {
  st: StepState;
  epoch: number;
  /** 1-based batch whose loss was non-finite, of `batches` */
  batch: number;
  batches: number;
  /** that batch's combined loss */
  loss: number;
  /** the finished batches' losses and metrics */
  acc: TermAccumulator;
  /** samples in the finished batches */
  seen: number;
  lastFinite: LastFiniteBatch;
  /** kernels before the diverging batch's update, i.e. after the last finite one (disposed here) */
  after: tf.Tensor[];
  /** snapshotKernels() at the start of this epoch (disposed here) */
  epochStart: tf.Tensor[];
  /** the newest probed dz, as any unprobed epoch carries it */
  lastDz: DzSource | null;
  /** Date.now() at the start of the epoch */
  t0: number;
}

/**
 * No val metrics and no probe: the network's weights are already non-finite. The layer list is
 * empty only when no batch of the run was ever finite. The last finite batch may belong to the
 * previous epoch (divergence at batch 1); its weights are then the ones this epoch started from.
 */
export function partialEpoch(p: PartialEpochInput): EpochRecord {
  const { st, lastFinite } = p;
  const held = lastFinite.current;
  const bins = st.spec.stats.histogramBins;
  let layers: EpochRecord['layers'] = [];
  if (held) layers = layerRecords(st, held.grads, lastFinite.beforeClones(), p.epochStart, null, bins, p.after);
  else p.epochStart.forEach((t) => t.dispose());
  p.after.forEach((t) => t.dispose());
  const ms = Date.now() - p.t0;
  const weights = held?.weights ?? st.weights;
  return {
    epoch: p.epoch,
    durationMs: ms,
    samplesPerSec: p.seen / Math.max(1e-3, ms / 1000),
    metrics: p.seen > 0 ? p.acc.metrics('train') : [],
    weights: Object.fromEntries(st.plan.terms.map((t, i) => [t.id, weights[i]])),
    layers,
    taskGrads: [],
    taskCosines: [],
    vanishingRatio: vanishingRatio(layers.filter((l) => l.trunk).map((l) => l.gradL2)),
    health: gradientHealth(layers, p.lastDz, st.spec.stats.healthDecades),
    probed: false,
    partial: true,
    divergence: { batch: p.batch, batches: p.batches, loss: p.loss },
  };
}
