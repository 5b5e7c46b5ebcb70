/** getEpochs: rebuild EpochRecords, deep-equal to what appendEpoch stored (arrays in insertion order). */
import { DEFAULT_HEALTH_DECADES, dzSourceOf, gradientHealth, type GradientHealth } from '../domain/health.ts';
import { LAYER_STATS } from '../domain/layer-stats.ts';
import type { EpochRecord, LayerStats } from '../domain/records.ts';
import type { Split } from '../domain/run-status.ts';
import { decodeCounts, fromNumericJson, readNullable, readNumber } from './codec.ts';
import { readLayerStat } from './layer-columns.ts';
import type { Statements } from './statements.ts';

interface EpochRow {
  epoch: number;
  duration_ms: number | null;
  samples_per_sec: number | null;
  weights_json: string;
  vanishing_ratio: number | null;
  probed: number;
  nan_mask: number;
  /** NULL for epochs stored before migration 0003 */
  health_json: string | null;
  /** 0 for epochs stored before migration 0004 (all full) */
  partial: number;
  diverged_batch: number | null;
  batches: number | null;
  diverged_loss: number | null;
}

/** A layer_stats row: the columns below, and one column per LAYER_STATS row. */
interface LayerRow {
  epoch: number;
  layer_index: number;
  layer: string;
  kind: LayerStats['kind'];
  trunk: number;
  params: number;
  hist_min: number | null;
  hist_max: number | null;
  hist_counts: Buffer;
  nan_mask: number;
  [column: string]: unknown;
}

const RANGE = 'WHERE run_id = ? AND epoch BETWEEN ? AND ? ORDER BY epoch, rowid';

/** Epochs `from`..`to` (inclusive, 1-based) of a run, oldest first. The caller checks the run exists. */
export function readEpochs(s: Statements, runId: string, from: number, to: number): EpochRecord[] {
  const args = [runId, from, to];
  const byEpoch = new Map<number, EpochRecord>();
  const stored = new Map<number, string | null>();
  for (const r of s.get(`SELECT * FROM epochs ${RANGE}`).all(...args) as EpochRow[]) {
    byEpoch.set(r.epoch, toEpoch(r));
    stored.set(r.epoch, r.health_json);
  }
  const at = (epoch: number) => byEpoch.get(epoch)!;
  const metrics = s.get(`SELECT epoch, task, split, name, value FROM metrics ${RANGE}`).all(...args);
  for (const m of metrics as Array<{ epoch: number; task: string; split: Split; name: string; value: number | null }>)
    at(m.epoch).metrics.push({ task: m.task, split: m.split, name: m.name, value: readNumber(m.value) });
  const layers = s.get(`SELECT * FROM layer_stats ${RANGE}`).all(...args) as LayerRow[];
  for (const l of layers) at(l.epoch).layers.push(toLayer(l));
  const grads = s.get(`SELECT epoch, task, norm FROM task_grads ${RANGE}`).all(...args);
  for (const g of grads as Array<{ epoch: number; task: string; norm: number | null }>)
    at(g.epoch).taskGrads.push({ task: g.task, norm: readNumber(g.norm) });
  const cosines = s.get(`SELECT epoch, a, b, cosine FROM task_cosines ${RANGE}`).all(...args);
  for (const c of cosines as Array<{ epoch: number; a: string; b: string; cosine: number | null }>)
    at(c.epoch).taskCosines.push({ a: c.a, b: c.b, cosine: readNumber(c.cosine) });
  for (const rec of byEpoch.values()) rec.health = healthOf(rec, stored.get(rec.epoch)!);
  return [...byEpoch.values()];
}

/**
 * The stored health, or for an epoch stored before it existed, what its layer rows allow: wRatio
 * from gradRms (which migration 0003 filled in), and dz-based fields from this epoch's dzRms only
 * (those runs stored none, so they read null) — never carried from an epoch outside the range read.
 */
function healthOf(rec: EpochRecord, json: string | null): GradientHealth {
  if (json !== null) return fromNumericJson<GradientHealth>(json);
  return gradientHealth(rec.layers, dzSourceOf(rec.epoch, rec.layers), DEFAULT_HEALTH_DECADES);
}

function toEpoch(r: EpochRow): EpochRecord {
  return {
    epoch: r.epoch,
    durationMs: readNumber(r.duration_ms),
    samplesPerSec: readNumber(r.samples_per_sec),
    metrics: [],
    weights: fromNumericJson<Record<string, number>>(r.weights_json),
    layers: [],
    taskGrads: [],
    taskCosines: [],
    vanishingRatio: readNullable(r.vanishing_ratio, r.nan_mask, 0),
    // filled in by readEpochs once the layers are read
    health: null as unknown as GradientHealth,
    probed: r.probed === 1,
    partial: r.partial === 1,
    divergence:
      r.partial === 1 ? { batch: r.diverged_batch!, batches: r.batches!, loss: readNumber(r.diverged_loss) } : null,
  };
}

/** Keys in LayerStats order (identity, statistics, histogram): the JSON export writes them as they come. */
function toLayer(r: LayerRow): LayerStats {
  const layer: Record<string, unknown> = {
    layer: r.layer,
    index: r.layer_index,
    kind: r.kind,
    trunk: r.trunk === 1,
    params: r.params,
  };
  for (const st of LAYER_STATS) layer[st.field] = readLayerStat(st, r[st.column] as number | null, r.nan_mask);
  layer.histogram = { min: readNumber(r.hist_min), max: readNumber(r.hist_max), counts: decodeCounts(r.hist_counts) };
  return layer as unknown as LayerStats;
}
