/** Accumulating per-term losses and metric sums over the batches of an epoch. */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset, DataSplit } from '../data/types.ts';
import type { Network } from '../model/network.ts';
import type { ModelPlan } from '../model/plan.ts';
import type { TaskMetric } from '../domain/records.ts';
import type { Split } from '../domain/run-status.ts';
import { batchRanges, disposeBatch, makeBatch } from './batches.ts';
import { METRIC_SUM_SIZE, metricSums, metricsFromSums, termLoss } from './losses.ts';

export class TermAccumulator {
  private lossSum: number[];
  private samples = 0;
  private sums: Float64Array[];

  constructor(private readonly plan: ModelPlan) {
    this.lossSum = plan.terms.map(() => 0);
    this.sums = plan.terms.map(() => new Float64Array(4));
  }

  /** Add one batch: per-term mean losses and summed metric statistics. */
  add(batchSize: number, termLosses: number[], sums: ArrayLike<number>[]): void {
    this.samples += batchSize;
    termLosses.forEach((l, i) => (this.lossSum[i] += l * batchSize));
    sums.forEach((s, i) => {
      for (let k = 0; k < s.length; k++) this.sums[i][k] += s[k];
    });
  }

  meanLosses(): number[] {
    return this.lossSum.map((s) => s / Math.max(1, this.samples));
  }

  metrics(split: Split): TaskMetric[] {
    const losses = this.meanLosses();
    return this.plan.terms.flatMap((term, i) => [
      { task: term.id, split, name: 'loss', value: losses[i] },
      ...Object.entries(metricsFromSums(term.task, this.sums[i])).map(([name, value]) => ({
        task: term.id,
        split,
        name,
        value,
      })),
    ]);
  }
}

/** Losses and metrics of every term on a whole split, inference mode (batch norm uses moving statistics). */
export function evaluate(
  net: Network,
  plan: ModelPlan,
  ds: Dataset,
  split: DataSplit,
  batchSize: number,
): TermAccumulator {
  const acc = new TermAccumulator(plan);
  const all = Int32Array.from({ length: split.count }, (_, i) => i);
  for (const [s, e] of batchRanges(split.count, Math.max(batchSize, 256))) {
    const b = makeBatch(ds, split, all.subarray(s, e));
    const read = tf.tidy(() => {
      const r = net.forward(b.x, { training: false });
      const parts = plan.terms.flatMap((term) => {
        const out = r.outputs.get(term.id)!;
        return [tf.reshape(termLoss(term.loss, out, b.t), [1]), metricSums(term, out, b.t)];
      });
      return tf.concat(parts).dataSync();
    });
    disposeBatch(b);
    let o = 0;
    const losses: number[] = [];
    const sums: Float32Array[] = [];
    for (const term of plan.terms) {
      losses.push(read[o]);
      const n = METRIC_SUM_SIZE[term.task];
      sums.push(read.slice(o + 1, o + 1 + n) as Float32Array);
      o += 1 + n;
    }
    acc.add(b.size, losses, sums);
  }
  return acc;
}
