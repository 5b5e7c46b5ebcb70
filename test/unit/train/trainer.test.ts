import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/data/index.ts';
import { parseSpec, type SpecInput, type WeightingMethod } from '../../../src/experiment/spec.ts';
import type { EpochRecord } from '../../../src/domain/records.ts';
import { train } from '../../../src/train/trainer.ts';
import { WEIGHTING_STRATEGIES } from '../../../src/train/weighting/index.ts';
import { useCpu } from '../../helpers/tf-cpu.ts';

beforeAll(useCpu);

const small: SpecInput = {
  epochs: 2,
  batchSize: 32,
  data: { kind: 'shapes', imageSize: 12, trainCount: 96, valCount: 32 },
  model: { depth: 3, width: 16, activation: 'tanh' },
  tasks: [{ kind: 'cls', primary: true }, { kind: 'seg' }],
  weighting: { lambda: 0.7 },
};

async function run(input: SpecInput, extra: Partial<Parameters<typeof train>[0]> = {}) {
  const spec = parseSpec(input);
  const records: EpochRecord[] = [];
  const result = await train({
    spec,
    dataset: loadDataset(spec.data, spec.seed),
    onEpoch: (r) => records.push(r),
    ...extra,
  });
  return { spec, records, result };
}

const numbers = (r: EpochRecord) => ({ ...r, durationMs: 0, samplesPerSec: 0 });

describe('trainer', () => {
  it('writes one complete record per epoch', async () => {
    const { records, result } = await run(small);
    expect(result).toEqual({ status: 'completed', epochs: 2 });
    expect(records.map((r) => r.epoch)).toEqual([1, 2]);
    const r = records[0];
    expect(r.weights).toEqual({ cls: 0.7, seg: expect.closeTo(0.3, 12) });
    expect(r.layers.map((l) => l.layer)).toEqual(['trunk.1', 'trunk.2', 'trunk.3', 'head.cls', 'head.seg']);
    for (const name of ['loss', 'accuracy'])
      for (const split of ['train', 'val'])
        expect(r.metrics).toContainEqual(expect.objectContaining({ task: 'cls', split, name }));
    expect(r.metrics).toContainEqual(expect.objectContaining({ task: 'seg', split: 'val', name: 'iou' }));
    const trunk = r.layers.filter((l) => l.trunk);
    expect(r.vanishingRatio).toBeCloseTo(trunk[0].gradL2 / trunk[2].gradL2, 10);
    for (const l of r.layers) {
      expect(l.histogram.counts.reduce((a, b) => a + b, 0)).toBe(l.params);
      expect(l.updateRatio).toBeGreaterThan(0);
      expect(l.dzL2).toBeGreaterThan(0);
    }
    expect(r.taskGrads.map((t) => t.task)).toEqual(['cls', 'seg']);
    expect(r.taskCosines).toHaveLength(1);
    expect(Math.abs(r.taskCosines[0].cosine)).toBeLessThanOrEqual(1);
    expect(tf.memory().numTensors).toBe(0);
  });

  it('same seed, same backend → the same numbers; another seed → others', async () => {
    const a = await run(small);
    const b = await run(small);
    const c = await run({ ...small, seed: 7 });
    expect(a.records.map(numbers)).toEqual(b.records.map(numbers));
    expect(c.records[0].layers[0].gradL2).not.toBe(a.records[0].layers[0].gradL2);
  });

  it('dL/dz of a softmax head equals (softmax − onehot) / B in closed form', async () => {
    // one epoch, probe batch = the whole val split, SGD with lr 0 so the network stays at its init
    const input: SpecInput = {
      ...small,
      epochs: 1,
      tasks: [{ kind: 'cls' }],
      weighting: {},
      optimizer: { kind: 'sgd', learningRate: 1e-12 },
      stats: { probeBatchSize: 32 },
    };
    const { records, spec } = await run(input);
    const head = records[0].layers.find((l) => l.layer === 'head.cls')!;
    // recompute the logits of the untrained network on the probe batch, independently of the trainer
    const { Network } = await import('../../../src/model/network.ts');
    const { planModel } = await import('../../../src/model/plan.ts');
    const { makeBatch, disposeBatch } = await import('../../../src/train/batches.ts');
    const ds = loadDataset(spec.data, spec.seed);
    const net = new Network(planModel(spec, [12, 12, 1], 3), spec.model.init, spec.seed);
    const b = makeBatch(
      ds,
      ds.val,
      Array.from({ length: 32 }, (_, i) => i),
    );
    const expected = tf.tidy(() => {
      const logits = net.forward(b.x, { training: false }).outputs.get('cls')!;
      return tf.norm(tf.div(tf.sub(tf.softmax(logits), b.t.onehot), 32)).dataSync()[0];
    });
    disposeBatch(b);
    net.dispose();
    expect(head.dzL2).toBeCloseTo(expected, 5);
  });

  it('cancel between batches stops with the epochs already done', async () => {
    let batches = 0;
    const { records, result } = await run(
      { ...small, epochs: 5 },
      { progressIntervalMs: 0, onProgress: () => batches++, shouldStop: () => batches >= 4 },
    );
    expect(result.status).toBe('cancelled');
    expect(result.epochs).toBe(1);
    expect(records).toHaveLength(1);
  });

  it('a loss that becomes NaN/Inf ends the run as diverged', async () => {
    const { result } = await run({
      ...small,
      epochs: 20,
      model: { depth: 6, width: 32, activation: 'linear', init: 'he_uniform' },
      optimizer: { kind: 'sgd', learningRate: 10 },
    });
    expect(result.status).toBe('diverged');
    expect(result.message).toMatch(/loss became (NaN|Infinity)/);
  });

  for (const method of Object.keys(WEIGHTING_STRATEGIES) as WeightingMethod[]) {
    it(`trains under ${method} weighting with an auxiliary head`, async () => {
      const { records, result } = await run({
        ...small,
        epochs: 3,
        tasks: [{ kind: 'cls', aux: { layer: 1 } }, { kind: 'recon' }],
        weighting: { method },
      });
      expect(result.status).toBe('completed');
      const w = Object.values(records[2].weights);
      expect(w).toHaveLength(3);
      for (const x of w) expect(Number.isFinite(x) && x >= 0).toBe(true);
      if (method === 'mgda') expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      if (method === 'gradnorm') expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 6);
      expect(tf.memory().numTensors).toBe(0);
    });
  }
});
