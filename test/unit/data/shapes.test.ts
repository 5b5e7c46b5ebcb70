import { describe, expect, it } from 'vitest';
import { shapesDataSchema } from '../../../src/experiment/spec.ts';
import { generateShapes } from '../../../src/data/shapes.ts';
import type { DataSplit } from '../../../src/data/types.ts';

const spec = (over: Record<string, unknown> = {}) =>
  shapesDataSchema.parse({ kind: 'shapes', trainCount: 300, valCount: 60, ...over });

const bytes = (a: Float32Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const sameSplit = (a: DataSplit, b: DataSplit) =>
  bytes(a.images).equals(bytes(b.images)) &&
  bytes(a.clean).equals(bytes(b.clean)) &&
  bytes(a.masks).equals(bytes(b.masks)) &&
  bytes(a.labels).equals(bytes(b.labels));

describe('generateShapes', () => {
  it('has the declared shapes and class names', () => {
    const ds = generateShapes(spec({ imageSize: 20 }), 1);
    expect(ds).toMatchObject({ name: 'shapes', height: 20, width: 20, channels: 1 });
    expect(ds.classNames).toEqual(['circle', 'square', 'triangle']);
    expect(ds.train.count).toBe(300);
    expect(ds.train.images.length).toBe(300 * 400);
    expect(ds.train.clean.length).toBe(300 * 400);
    expect(ds.train.masks.length).toBe(300 * 400);
    expect(ds.train.labels.length).toBe(300);
    expect(ds.val.count).toBe(60);
    expect(ds.source).toContain('seed 1');
  });

  it('is bit-identical for the same seed and differs for another', () => {
    const a = generateShapes(spec(), 7);
    const b = generateShapes(spec(), 7);
    const c = generateShapes(spec(), 8);
    expect(sameSplit(a.train, b.train)).toBe(true);
    expect(sameSplit(a.val, b.val)).toBe(true);
    expect(bytes(a.train.clean).equals(bytes(c.train.clean))).toBe(false);
    expect(bytes(a.train.images).equals(bytes(c.train.images))).toBe(false);
  });

  it("takes the spec's own seed over the run's", () => {
    const a = generateShapes(spec({ seed: 5 }), 1);
    const b = generateShapes(spec({ seed: 5 }), 2);
    expect(sameSplit(a.train, b.train)).toBe(true);
    expect(a.source).toContain('seed 5');
  });

  it('draws train and val from separate streams', () => {
    const ds = generateShapes(spec({ trainCount: 60 }), 3);
    expect(bytes(ds.train.images).equals(bytes(ds.val.images))).toBe(false);
    // val does not depend on the size of train
    expect(sameSplit(ds.val, generateShapes(spec({ trainCount: 90 }), 3).val)).toBe(true);
  });

  it('balances the classes in both splits, in shuffled order', () => {
    const ds = generateShapes(spec({ shapes: ['circle', 'square', 'triangle', 'cross'], valCount: 62 }), 2);
    const count = (l: Int32Array, k: number) => l.filter((x) => x === k).length;
    for (let k = 0; k < 4; k++) expect(count(ds.train.labels, k)).toBe(75);
    for (let k = 0; k < 4; k++) expect([15, 16]).toContain(count(ds.val.labels, k));
    expect(Array.from(ds.train.labels.subarray(0, 8))).not.toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
  });

  it('draws every kind with a non-empty binary mask mostly inside the image, brighter than the background', () => {
    const side = 24;
    const ds = generateShapes(
      spec({ imageSize: side, shapes: ['circle', 'square', 'triangle', 'cross', 'ring', 'diamond'] }),
      4,
    );
    const px = side * side;
    const { masks, clean, count } = ds.train;
    for (let s = 0; s < count; s++) {
      let on = 0;
      let border = 0;
      let fgMin = Infinity;
      let bgMax = -Infinity;
      for (let p = 0; p < px; p++) {
        const m = masks[s * px + p];
        if (m !== 0 && m !== 1) throw new Error(`mask value ${m} in sample ${s}`);
        const v = clean[s * px + p];
        if (m === 1) {
          on++;
          fgMin = Math.min(fgMin, v);
          const x = p % side;
          const y = Math.floor(p / side);
          if (x === 0 || y === 0 || x === side - 1 || y === side - 1) border++;
        } else bgMax = Math.max(bgMax, v);
      }
      expect(on).toBeGreaterThan(0);
      expect(on).toBeLessThan(px);
      expect(border).toBeLessThanOrEqual(on / 2);
      expect(fgMin).toBeGreaterThan(bgMax);
    }
  });

  it('never leaves a mask empty, even for shapes smaller than a pixel', () => {
    const ds = generateShapes(spec({ imageSize: 8, minScale: 0.05, maxScale: 0.05, noise: 0 }), 9);
    for (let s = 0; s < ds.train.count; s++) {
      expect(ds.train.masks.subarray(s * 64, (s + 1) * 64).some((m) => m === 1)).toBe(true);
    }
  });

  it('adds Gaussian noise of the declared std, clamped to [0, 1]', () => {
    const std = 0.05;
    const { images, clean } = generateShapes(spec({ noise: std }), 11).train;
    let n = 0;
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    for (let i = 0; i < images.length; i++) {
      if (!(images[i] >= 0 && images[i] <= 1)) outside++;
      // at least 3σ from both bounds and not clamped: the clamp barely truncates these
      if (clean[i] < 3 * std || clean[i] > 1 - 3 * std || images[i] === 0 || images[i] === 1) continue;
      const d = images[i] - clean[i];
      n++;
      sum += d;
      sumSq += d * d;
    }
    expect(outside).toBe(0);
    expect(n).toBeGreaterThan(10_000);
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(Math.sqrt(sumSq / n - mean * mean)).toBeCloseTo(std, 2);
  });

  it('leaves images equal to clean when noise is 0', () => {
    const { images, clean } = generateShapes(spec({ noise: 0 }), 3).val;
    expect(bytes(images).equals(bytes(clean))).toBe(true);
  });

  // its speed (~100 ms) is the bench's business: tests never assert on wall-clock time
  it('generates the default 2048 + 512 images of 32×32', () => {
    const ds = generateShapes(spec({ trainCount: 2048, valCount: 512 }), 42);
    expect(ds.train.count + ds.val.count).toBe(2560);
    expect(ds.train.images).toHaveLength(2048 * 32 * 32);
  });
});
