/**
 * readCompareData: what Compare draws of one run, column-wise, in one read transaction — the
 * epoch list, metrics, task weights, task gradient norms and cosines, the vanishing ratio, and
 * only the requested layer statistics as layer × epoch matrices. Never reads histograms: one
 * query over layer_stats selects epoch, layer index and name, the NaN mask and the asked-for
 * columns, in primary-key order (no sort step). Statements are prepared once per field set.
 */
import { COMPARE_LAYER_FIELDS, type CompareData, type CompareLayerField } from '../domain/compare.ts';
import { layerStat } from '../domain/layer-stats.ts';
import type { GradientHealth } from '../domain/health.ts';
import type { Divergence } from '../domain/records.ts';
import type { Split } from '../domain/run-status.ts';
import { fromNumericJson, readNullable, readNumber } from './codec.ts';
import { readLayerStat } from './layer-columns.ts';
import type { Statements } from './statements.ts';

type Cell = number | null;
type EpochRow = [
  epoch: number,
  vanishing: number | null,
  probed: number,
  nanMask: number,
  weightsJson: string,
  healthJson: string | null,
  partial: number,
  divergedBatch: number | null,
  batches: number | null,
  divergedLoss: number | null,
];
type MetricRow = [epoch: number, task: string, split: Split, name: string, value: number | null];
type GradRow = [epoch: number, task: string, norm: number | null];
type CosineRow = [epoch: number, a: string, b: string, cosine: number | null];

const EPOCH_COLUMNS = `epoch, vanishing_ratio, probed, nan_mask, weights_json, health_json, partial, diverged_batch,
  batches, diverged_loss`;
const BY_RUN = 'WHERE run_id = ? ORDER BY epoch, rowid';

/** One run's Compare data; the caller checks the run exists. `fields` may repeat or be in any order. */
export function readCompareData(s: Statements, runId: string, fields: readonly CompareLayerField[]): CompareData {
  const wanted = COMPARE_LAYER_FIELDS.filter((f) => fields.includes(f));
  return s.db.transaction(() => read(s, runId, wanted))();
}

function read(s: Statements, runId: string, fields: CompareLayerField[]): CompareData {
  const rows = s.raw(`SELECT ${EPOCH_COLUMNS} FROM epochs WHERE run_id = ? ORDER BY epoch`).all(runId) as EpochRow[];
  const n = rows.length;
  const epochs = new Array<number>(n);
  const probed = new Array<boolean>(n);
  const divergence = new Array<Divergence | null>(n);
  const vanishingRatio = new Array<Cell>(n);
  const health = new Array<GradientHealth | null>(n);
  const col = new Map<number, number>();
  const weights = new Series(n);
  rows.forEach(([epoch, vr, pr, mask, json, healthJson, ...cut], x) => {
    epochs[x] = epoch;
    divergence[x] = divergenceOf(cut);
    health[x] = healthJson === null ? null : fromNumericJson<GradientHealth>(healthJson);
    probed[x] = pr === 1;
    vanishingRatio[x] = readNullable(vr, mask, 0);
    col.set(epoch, x);
    for (const [task, w] of Object.entries(fromNumericJson<Record<string, number>>(json)))
      weights.at(task, task)[x] = w;
  });

  const metrics = new Series<{ task: string; split: Split; name: string }>(n);
  for (const [epoch, task, split, name, value] of s
    .raw(`SELECT epoch, task, split, name, value FROM metrics ${BY_RUN}`)
    .all(runId) as MetricRow[]) {
    const x = col.get(epoch);
    if (x !== undefined) metrics.at(`${task}\u0000${split}\u0000${name}`, { task, split, name })[x] = readNumber(value);
  }
  const grads = new Series(n);
  for (const [epoch, task, norm] of s
    .raw(`SELECT epoch, task, norm FROM task_grads ${BY_RUN}`)
    .all(runId) as GradRow[]) {
    const x = col.get(epoch);
    if (x !== undefined) grads.at(task, task)[x] = readNumber(norm);
  }
  const cosines = new Series<{ a: string; b: string }>(n);
  for (const [epoch, a, b, cosine] of s
    .raw(`SELECT epoch, a, b, cosine FROM task_cosines ${BY_RUN}`)
    .all(runId) as CosineRow[]) {
    const x = col.get(epoch);
    if (x !== undefined) cosines.at(`${a}\u0000${b}`, { a, b })[x] = readNumber(cosine);
  }

  const { layers, layerStats } = readLayers(s, runId, fields, col, n);
  return {
    epochs,
    probed,
    divergence,
    vanishingRatio,
    health,
    metrics: metrics.list().map(([k, values]) => ({ ...k, values })),
    weights: weights.list().map(([name, values]) => ({ name, values })),
    taskGrads: grads.list().map(([name, values]) => ({ name, values })),
    taskCosines: cosines.list().map(([k, values]) => ({ ...k, values })),
    layers,
    layerStats,
  };
}

function divergenceOf([partial, batch, batches, loss]: [number, number | null, number | null, number | null]) {
  return partial === 1 ? { batch: batch!, batches: batches!, loss: readNumber(loss) } : null;
}

/** Layer × epoch matrices of `fields`: rows by layer index, null where a layer has no row that epoch. */
function readLayers(
  s: Statements,
  runId: string,
  fields: CompareLayerField[],
  col: Map<number, number>,
  n: number,
): Pick<CompareData, 'layers' | 'layerStats'> {
  const stats = fields.map(layerStat);
  const columns = stats.map((st) => `, ${st.column}`).join('');
  const sql = `SELECT epoch, layer_index, layer, nan_mask${columns} FROM layer_stats WHERE run_id = ? ORDER BY epoch, layer_index`;
  const rows = s.raw(sql).all(runId) as Array<[number, number, string, number, ...Cell[]]>;
  const k = fields.length;
  const mats: Cell[][][] = fields.map(() => []);
  const names: string[] = [];
  const indexes: number[] = [];
  const rowOf = new Map<number, number>();
  let epoch = Number.NaN;
  let x: number | undefined;
  for (const r of rows) {
    if (r[0] !== epoch) x = col.get((epoch = r[0]));
    if (x === undefined) continue; // an epoch row not in this snapshot: cannot happen inside the transaction
    let y = rowOf.get(r[1]);
    if (y === undefined) {
      y = names.length;
      rowOf.set(r[1], y);
      names.push(r[2]);
      indexes.push(r[1]);
      for (const m of mats) m.push(new Array<Cell>(n).fill(null));
    }
    const mask = r[3];
    for (let i = 0; i < k; i++) {
      mats[i][y][x] = readLayerStat(stats[i], r[4 + i] as Cell, mask);
    }
  }
  // layers first seen in a later epoch get rows after the others: restore index order
  const order = indexes.map((_, i) => i).sort((a, b) => indexes[a] - indexes[b]);
  const sorted = order.every((o, i) => o === i);
  const layerStats: CompareData['layerStats'] = {};
  fields.forEach((f, i) => (layerStats[f] = sorted ? mats[i] : order.map((o) => mats[i][o])));
  return { layers: sorted ? names : order.map((o) => names[o]), layerStats };
}

/** Named series of `n` columns (null-filled), kept in first-seen order. */
class Series<K = string> {
  private readonly map = new Map<string, [K, Cell[]]>();
  constructor(private readonly n: number) {}

  at(key: string, label: K): Cell[] {
    let e = this.map.get(key);
    if (e === undefined) this.map.set(key, (e = [label, new Array<Cell>(this.n).fill(null)]));
    return e[1];
  }

  list(): Array<[K, Cell[]]> {
    return [...this.map.values()];
  }
}
