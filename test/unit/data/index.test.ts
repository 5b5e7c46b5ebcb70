import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataSchema } from '../../../src/experiment/spec.ts';
import { classCounts, describeDataset, loadDataset } from '../../../src/data/index.ts';
import { writeSet } from './idx-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'gw-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadDataset', () => {
  it('generates shapes for kind shapes', () => {
    const ds = loadDataset(dataSchema.parse({ kind: 'shapes', trainCount: 30, valCount: 9, imageSize: 16 }), 5);
    expect(ds.name).toBe('shapes');
    expect(classCounts(ds.train.labels, 3)).toEqual([10, 10, 10]);
    expect(describeDataset(ds)).toBe(
      'shapes: 16×16×1, 3 classes (circle, square, triangle); train 30, val 9; ' +
        'shapes 16×16 (circle, square, triangle), noise 0.1, seed 5',
    );
  });

  it('reads files for kind idx', () => {
    const f = writeSet(dir, 'train', { count: 20, height: 3, width: 3, classes: 2 });
    const ds = loadDataset(dataSchema.parse({ kind: 'idx', ...f, validationSplit: 0.25 }), 5);
    expect([ds.train.count, ds.val.count]).toEqual([15, 5]);
    expect(describeDataset(ds)).toContain('idx: 3×3×1, 2 classes (0, 1); train 15, val 5; ');
    expect(describeDataset(ds)).toContain('val 25% held out (seed 5)');
  });
});
