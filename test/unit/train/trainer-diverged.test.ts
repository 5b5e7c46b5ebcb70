/**
 * A diverged run keeps the epoch that blew up as a partial epoch, with the layer statistics of
 * the last batch whose loss was finite (a learning rate of 10 on a deep linear MLP diverges in
 * a few batches).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/data/index.ts';
import type { EpochRecord, LayerStats } from '../../../src/domain/records.ts';
import { parseSpec, type SpecInput } from '../../../src/experiment/spec.ts';
import { train } from '../../../src/train/trainer.ts';
import { useCpu } from '../../helpers/tf-cpu.ts';

beforeAll(useCpu);

const exploding = (batchSize: number, trainCount: number): SpecInput => ({
  epochs: 20,
  batchSize,
  data: { kind: 'shapes', imageSize: 12, trainCount, valCount: 32 },
  model: { depth: 6, width: 32, activation: 'linear', init: 'he_uniform' },
  tasks: [{ kind: 'cls' }],
  optimizer: { kind: 'sgd', learningRate: 10 },
});

async function run(input: SpecInput) {
  const spec = parseSpec(input);
  const records: EpochRecord[] = [];
  const result = await train({ spec, dataset: loadDataset(spec.data, spec.seed), onEpoch: (r) => records.push(r) });
  return { records, result };
}

/** the statistics the probe measures, which a partial epoch cannot have (its weights are non-finite) */
const PROBED: Array<keyof LayerStats> = ['dzL2', 'dzStd', 'dzRms', 'actMean', 'actStd', 'actSaturation'];
const batchStats = (l: LayerStats) =>
  Object.fromEntries(
    Object.entries(l).filter(([k]) => !PROBED.includes(k as keyof LayerStats) && k !== 'updateRatioEpoch'),
  );

describe('a diverged run', () => {
  it('stores the diverging epoch as partial, with finite statistics of the last finite batch', async () => {
    // 4 batches an epoch: diverges inside epoch 1, after some batches finished
    const { records, result } = await run(exploding(16, 64));
    expect(result.status).toBe('diverged');
    expect(records).toHaveLength(result.epochs + 1);
    const p = records.at(-1)!;
    expect(p.partial).toBe(true);
    expect(records.slice(0, -1).every((r) => !r.partial && r.divergence === null)).toBe(true);
    const d = p.divergence!;
    expect(d.batches).toBe(4);
    expect(d.batch).toBeGreaterThan(1);
    expect(Number.isFinite(d.loss)).toBe(false);
    expect(result.message).toBe(`loss became ${d.loss} at epoch ${p.epoch}, batch ${d.batch} of 4`);
    // the finished batches' train losses; no val metrics and no probe on non-finite weights
    const loss = p.metrics.find((m) => m.name === 'loss')!;
    expect(loss).toMatchObject({ task: 'cls', split: 'train' });
    expect(Number.isFinite(loss.value)).toBe(true);
    expect(p.metrics.some((m) => m.split === 'val')).toBe(false);
    expect(p).toMatchObject({ probed: false, taskGrads: [], taskCosines: [] });
    expect(p.layers.map((l) => l.layer)).toEqual([
      'trunk.1',
      'trunk.2',
      'trunk.3',
      'trunk.4',
      'trunk.5',
      'trunk.6',
      'head.cls',
    ]);
    for (const l of p.layers) {
      for (const [k, v] of Object.entries(batchStats(l)))
        if (typeof v === 'number') expect(Number.isFinite(v), `${l.layer}.${k} = ${v}`).toBe(true);
      expect(l.gradL2).toBeGreaterThan(0);
      expect(l.updateRatio).toBeGreaterThan(0);
      expect(l.histogram.counts.reduce((a, b) => a + b, 0)).toBe(l.params);
    }
    expect(p.health.trunkLayers).toBe(6);
    expect(Number.isFinite(p.health.wRatio!)).toBe(true);
    expect(Number.isFinite(p.weights.cls)).toBe(true);
    expect(tf.memory().numTensors).toBe(0);
  });

  it('diverging at the first batch of an epoch keeps the previous epoch’s last batch, the same one that epoch stored', async () => {
    // one batch an epoch: the last finite batch is the one the previous full epoch measured
    const { records, result } = await run(exploding(32, 32));
    expect(result.status).toBe('diverged');
    expect(result.epochs).toBeGreaterThanOrEqual(1);
    const [full, p] = records.slice(-2);
    expect(p).toMatchObject({ epoch: full.epoch + 1, partial: true, metrics: [] });
    expect(p.divergence).toMatchObject({ batch: 1, batches: 1 });
    expect(p.layers.map(batchStats)).toEqual(full.layers.map(batchStats));
    // no batch of this epoch finished: the weights have not moved since it started
    expect(p.layers.every((l) => l.updateRatioEpoch === 0)).toBe(true);
    expect(p.weights).toEqual(full.weights);
    expect(tf.memory().numTensors).toBe(0);
  });
});
