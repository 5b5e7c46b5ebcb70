import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPresets } from '../../../src/api/presets.ts';
import { checkBudget, estimateCost, formatBytes, parseMemorySize } from '../../../src/experiment/budget.ts';
import { defaultMaxMemory, resolveMaxMemory } from '../../../src/experiment/budget-default.ts';
import { preflight } from '../../../src/experiment/preflight.ts';
import { parseSpec, type SpecInput, SpecError } from '../../../src/experiment/spec.ts';
import { expandExperiment } from '../../../src/experiment/sweep.ts';
import { writeSet } from '../data/idx-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'gw-budget-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const idx = writeSet(dir, 'train', { count: 100, height: 28, width: 28, classes: 10 });
const GiB = 2 ** 30;

/** The fields preflight blames, and how long it took. */
function refused(input: SpecInput, maxMemory?: number): { fields: string[]; ms: number; message: string } {
  const t0 = performance.now();
  try {
    preflight([parseSpec(input)], { maxMemory });
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    const issues = (e as SpecError).issues;
    return { fields: issues.map((i) => i.field), ms: performance.now() - t0, message: (e as Error).message };
  }
  return { fields: [], ms: performance.now() - t0, message: '' };
}

const schemaMaxima: Array<[string, SpecInput, string]> = [
  [
    'imageSize 128 × 200k samples',
    { data: { kind: 'shapes', imageSize: 128, trainCount: 200_000 } },
    'data.trainCount',
  ],
  ['MLP depth 64 × 4096 wide', { model: { depth: 64, width: 4096 } }, 'model.width'],
  [
    'CNN depth 64, downsampleEvery 1 on IDX images',
    {
      data: { kind: 'idx', images: idx.images, labels: idx.labels },
      model: { trunk: 'cnn', depth: 64, downsampleEvery: 1 },
    },
    'model.depth',
  ],
  ['IDX images from /dev/zero', { data: { kind: 'idx', images: '/dev/zero', labels: idx.labels } }, 'data.images'],
];

describe('memory budget', () => {
  for (const budget of [2 * GiB, undefined])
    it.each(schemaMaxima)(`refuses %s in under 2 s (budget ${budget ? '2 GiB' : 'default'})`, (_, input, field) => {
      const r = refused(input, budget);
      expect(r.fields).toContain(field);
      expect(r.ms).toBeLessThan(2000);
    });

  it('says the numbers: estimate, budget, and each part', () => {
    const { message } = refused({ data: { kind: 'shapes', imageSize: 128, trainCount: 200_000 } }, 2 * GiB);
    expect(message).toMatch(
      /^data\.trainCount: estimated 36\.7 GiB > budget 2\.0 GiB: data 36\.7 GiB \(200512 × 128×128 images\), activations .* MiB \(batch 64\), parameters .*$/,
    );
  });

  it('passes every example and preset under the default budget', () => {
    const presets = loadPresets();
    expect(presets.length).toBeGreaterThanOrEqual(5);
    for (const p of presets) {
      const specs = p.kind === 'experiment' ? expandExperiment(p.value).runs.map((r) => r.spec) : [parseSpec(p.value)];
      expect(() => preflight(specs), p.id).not.toThrow();
      for (const s of specs) expect(estimateCost(s).totalBytes, p.id).toBeLessThan(1 * GiB);
    }
  });

  it('estimates parameters exactly for a small mlp, and grows with batch, data and optimizer state', () => {
    const s = parseSpec({ data: { kind: 'shapes', imageSize: 8 }, model: { depth: 2, width: 10 } });
    // 64→10, 10→10, head 10→3: weights plus biases
    expect(estimateCost(s).parameters).toBe(64 * 10 + 10 + 10 * 10 + 10 + 10 * 3 + 3);
    const bigger = (over: SpecInput) =>
      estimateCost(parseSpec({ ...over, data: { kind: 'shapes', imageSize: 8, ...(over.data as object) } }));
    expect(bigger({ batchSize: 512 }).activationBytes).toBeGreaterThan(estimateCost(s).activationBytes);
    expect(bigger({ data: { kind: 'shapes', trainCount: 20000 } }).dataBytes).toBeGreaterThan(
      estimateCost(s).dataBytes,
    );
    expect(bigger({ optimizer: { kind: 'adam' } }).parameterBytes).toBeGreaterThan(
      bigger({ optimizer: { kind: 'sgd' } }).parameterBytes,
    );
    expect(checkBudget(s, 1 * GiB)).toEqual([]);
  });

  it('uses the IDX header sizes when given', () => {
    const s = parseSpec({ data: { kind: 'idx', images: 'x', labels: 'y', limit: 100 } });
    const c = estimateCost(s, { height: 10, width: 10, count: 1000, fileBytes: 101_000 });
    expect([c.image, c.trainCount, c.valCount]).toEqual([{ height: 10, width: 10 }, 100, 100]);
  });

  it('reads sizes for --max-memory and defaults to half the machine', () => {
    expect(parseMemorySize('2GiB')).toBe(2 * GiB);
    expect(parseMemorySize('512M')).toBe(512 * 2 ** 20);
    expect(parseMemorySize('1.5g')).toBe(1.5 * GiB);
    expect(parseMemorySize('1048576')).toBe(2 ** 20);
    expect(() => parseMemorySize('lots')).toThrow(/not a size such as 2GiB/);
    expect(() => parseMemorySize('0')).toThrow(/memory size/);
    expect(defaultMaxMemory(16 * GiB)).toBe(8 * GiB);
    expect(resolveMaxMemory(undefined, { GRADIENT_WORKBENCH_MAX_MEMORY: '3G' })).toBe(3 * GiB);
    expect(resolveMaxMemory('1G', { GRADIENT_WORKBENCH_MAX_MEMORY: '3G' })).toBe(GiB);
    expect(formatBytes(3.4 * GiB)).toBe('3.4 GiB');
    expect(formatBytes(512)).toBe('512 B');
  });
});
