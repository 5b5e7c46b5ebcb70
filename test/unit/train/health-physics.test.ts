/**
 * The gradient-health summary tells Glorot & Bengio's story on real training (cpu backend, one
 * epoch of 256 samples, width 32 — the smallest that shows each effect with a wide margin).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/data/index.ts';
import type { EpochRecord } from '../../../src/domain/records.ts';
import { parseSpec, type SpecInput } from '../../../src/experiment/spec.ts';
import { train } from '../../../src/train/trainer.ts';
import { useCpu } from '../../helpers/tf-cpu.ts';

beforeAll(useCpu);

type Model = NonNullable<SpecInput['model']>;

async function records(model: Model, tasks: SpecInput['tasks'], more: SpecInput = {}) {
  const spec = parseSpec({
    epochs: 1,
    batchSize: 32,
    seed: 42,
    data: { kind: 'shapes', imageSize: 12, trainCount: 256, valCount: 32 },
    model: { trunk: 'mlp', width: 32, ...model },
    tasks,
    weighting: { method: 'fixed' },
    optimizer: { kind: 'sgd', learningRate: 0.1 },
    ...more,
  });
  const out: EpochRecord[] = [];
  await train({ spec, dataset: loadDataset(spec.data, spec.seed), onEpoch: (r) => out.push(r) });
  return out;
}

async function health(model: Model, tasks: SpecInput['tasks'] = [{ kind: 'cls', primary: true }]) {
  return (await records(model, tasks))[0].health;
}

describe('gradient health at epoch 1', () => {
  it('depth-8 tanh MLP: standard init loses over a decade of dL/dz from the last trunk layer to the first', async () => {
    const h = await health({ depth: 8, activation: 'tanh', init: 'standard' });
    expect(h.dzRatio).toBeLessThan(-1);
    expect(h.weakestLayer).toBe('trunk.1');
    expect(h.healthFrom).toBe(1);
  });

  it('depth-8 tanh MLP: glorot_normal init keeps dL/dz within a factor of five', async () => {
    const h = await health({ depth: 8, activation: 'tanh', init: 'glorot_normal' });
    expect(h.dzRatio).toBeGreaterThan(-0.7);
  });

  it('depth-10 sigmoid MLP with an aux head on layer 1: the aux head rescues trunk.1 only, trunk.3 is dead', async () => {
    const h = await health({ depth: 10, activation: 'sigmoid', init: 'standard' }, [
      { kind: 'cls', primary: true, aux: { layer: 1, weight: 0.3 } },
    ]);
    expect(h.deadLayers).toContain('trunk.3');
    expect(h.deadLayers).not.toContain('trunk.1');
    // the first/last ratio alone would call this net healthy: it compares two layers that both get signal
    expect(h.dzRatio!).toBeGreaterThan(-1);
    expect(h.alive).toBe(10 - h.deadLayers!.length);
  });

  it('depth-10 ReLU MLP with He init (the control): no dead layer', async () => {
    const h = await health({ depth: 10, activation: 'relu', init: 'he_normal' });
    expect(h.deadLayers).toEqual([]);
    expect(h.alive).toBe(10);
  });
});

describe('gradient health between probes', () => {
  it('an epoch without a probe carries the last probed dz and names its epoch; wRatio is its own', async () => {
    const r = await records({ depth: 3, activation: 'tanh' }, [{ kind: 'cls' }], {
      epochs: 4,
      stats: { probeEvery: 3 },
    });
    expect(r.map((e) => [e.probed, e.health.healthFrom])).toEqual([
      [true, 1],
      [false, 1],
      [true, 3],
      [true, 4],
    ]);
    expect(r[1].health.dzRatio).toBe(r[0].health.dzRatio);
    const trunk = r[1].layers.filter((l) => l.trunk);
    expect(r[1].health.wRatio).toBeCloseTo(Math.log10(trunk[0].gradRms / trunk[2].gradRms), 12);
  });
});
