/** Same seed + same backend → the same numbers, on the default in-process backend (wasm). */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/data/index.ts';
import { parseSpec } from '../../../src/experiment/spec.ts';
import { selectBackend } from '../../../src/train/backend/select.ts';
import type { EpochRecord } from '../../../src/domain/records.ts';
import { train } from '../../../src/train/trainer.ts';

beforeAll(() => selectBackend('wasm'));

describe('determinism on wasm', () => {
  it('a CNN with cls + seg trains to identical records twice', async () => {
    const spec = parseSpec({
      epochs: 2,
      batchSize: 16,
      data: { kind: 'shapes', imageSize: 16, trainCount: 64, valCount: 32 },
      model: { trunk: 'cnn', depth: 2, width: 4, denseUnits: 16 },
      tasks: [{ kind: 'cls' }, { kind: 'seg' }],
      weighting: { method: 'pcgrad' },
    });
    const runOnce = async () => {
      const recs: EpochRecord[] = [];
      await train({
        spec,
        dataset: loadDataset(spec.data, spec.seed),
        onEpoch: (r) => recs.push({ ...r, durationMs: 0, samplesPerSec: 0 }),
      });
      return recs;
    };
    const [a, b] = [await runOnce(), await runOnce()];
    expect(a).toHaveLength(2);
    expect(a).toEqual(b);
  });
});
