/**
 * appendEpoch: one transaction for the epoch row, its metrics, layer stats with histograms,
 * task gradients, cosines and the run's summary columns — all of it lands, or none of it.
 */
import type { EpochRecord } from '../domain/records.ts';
import { nanMask, toJson } from './codec.ts';
import { NotFoundError, RunStateError } from './errors.ts';
import { INSERT_LAYER, layerValues } from './layer-columns.ts';
import type { Statements } from './statements.ts';
import type { MetricSummary } from './types.ts';
import { writeTransaction } from './write-transaction.ts';

const INSERT_EPOCH = `INSERT INTO epochs
  (run_id, epoch, duration_ms, samples_per_sec, weights_json, vanishing_ratio, probed, nan_mask, health_json,
   partial, diverged_batch, batches, diverged_loss)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_METRIC = 'INSERT INTO metrics (run_id, epoch, task, split, name, value) VALUES (?, ?, ?, ?, ?, ?)';
const INSERT_GRAD = 'INSERT INTO task_grads (run_id, epoch, task, norm) VALUES (?, ?, ?, ?)';
const INSERT_COSINE = 'INSERT INTO task_cosines (run_id, epoch, a, b, cosine) VALUES (?, ?, ?, ?, ?)';

/** Store one validated epoch of a running run. */
export function appendEpoch(s: Statements, runId: string, rec: EpochRecord): void {
  writeTransaction(s.db, () => {
    const run = s.get('SELECT status, epochs_done FROM runs WHERE id = ?').get(runId) as
      { status: string; epochs_done: number } | undefined;
    if (run === undefined) throw new NotFoundError('run', runId);
    if (run.status !== 'running')
      throw new RunStateError(`Run ${runId} is ${run.status}; epochs can only be added to a running run`);
    const e = rec.epoch;
    const vr = rec.vanishingRatio;
    s.get(INSERT_EPOCH).run(
      runId,
      e,
      rec.durationMs,
      rec.samplesPerSec,
      toJson(rec.weights),
      vr,
      rec.probed ? 1 : 0,
      nanMask([vr]),
      toJson(rec.health),
      rec.partial ? 1 : 0,
      rec.divergence?.batch ?? null,
      rec.divergence?.batches ?? null,
      rec.divergence?.loss ?? null,
    );
    const metric = s.get(INSERT_METRIC);
    for (const m of rec.metrics) metric.run(runId, e, m.task, m.split, m.name, m.value);
    const layer = s.get(INSERT_LAYER);
    for (const l of rec.layers) layer.run(runId, e, ...layerValues(l));
    const grad = s.get(INSERT_GRAD);
    for (const g of rec.taskGrads) grad.run(runId, e, g.task, g.norm);
    const cosine = s.get(INSERT_COSINE);
    for (const c of rec.taskCosines) cosine.run(runId, e, c.a, c.b, c.cosine);
    // epochs_done counts full epochs; a partial one is evidence, not progress
    if (e >= run.epochs_done && !rec.partial) updateSummary(s, runId, rec);
  });
}

/** The newest epoch's vanishing ratio, health and val metrics become the run's list columns. */
function updateSummary(s: Statements, runId: string, rec: EpochRecord): void {
  const val: MetricSummary = {};
  for (const m of rec.metrics) if (m.split === 'val') (val[m.task] ??= {})[m.name] = m.value;
  const summaryJson = Object.keys(val).length > 0 ? toJson(val) : null;
  s.get(
    `UPDATE runs SET epochs_done = ?, last_vanishing_ratio = ?, last_health_json = ?,
       summary_json = COALESCE(?, summary_json) WHERE id = ?`,
  ).run(rec.epoch, rec.vanishingRatio, toJson(rec.health), summaryJson, runId);
}
