import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDataFiles } from '../../../src/data/check-files.ts';
import { parseSpec } from '../../../src/experiment/spec.ts';
import { idxBytes, writeIdx, writeSet } from './idx-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'gw-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const train = writeSet(dir, 'train', { count: 30, height: 6, width: 5, classes: 3, gzip: true });
const val = writeSet(dir, 'val', { count: 10, height: 6, width: 5, classes: 3 });
const spec = (data: Record<string, unknown>, model: Record<string, unknown> = {}) =>
  parseSpec({ data: { kind: 'idx', images: train.images, labels: train.labels, ...data }, model });
const issues = (data: Record<string, unknown>, model?: Record<string, unknown>) =>
  checkDataFiles(spec(data, model)).issues;
const file = (name: string, bytes: Buffer) => (writeFileSync(join(dir, name), bytes), join(dir, name));

describe('checkDataFiles', () => {
  it('passes valid files (gzip and raw) and reports their shape from the headers', () => {
    expect(checkDataFiles(spec({}))).toEqual({
      issues: [],
      shape: { height: 6, width: 5, count: 30, fileBytes: expect.any(Number) },
    });
    const r = checkDataFiles(spec({ valImages: val.images, valLabels: val.labels }));
    expect(r.shape).toMatchObject({ count: 30, valCount: 10 });
    expect(checkDataFiles(parseSpec({})).issues).toEqual([]);
  });

  it('refuses what is not a regular file: missing, a directory, /dev/zero, a FIFO', () => {
    expect(issues({ images: join(dir, 'none') })).toEqual([
      { field: 'data.images', message: `${join(dir, 'none')}: file not found` },
    ]);
    expect(issues({ labels: dir })[0]).toMatchObject({
      field: 'data.labels',
      message: expect.stringMatching(/directory/),
    });
    expect(issues({ images: '/dev/zero' })[0].message).toMatch(/not a regular file/);
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const t0 = Date.now();
    expect(issues({ images: fifo })[0].message).toMatch(/not a regular file/);
    // blocking on a FIFO would wait forever for a writer; the bound only tells "returned" from "hung"
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('refuses a bad header or length, naming the file and never quoting its bytes', () => {
    const data = Array.from({ length: 30 * 30 }, (_, i) => i % 256);
    const ok = idxBytes([30, 6, 5], data);
    const cases: Array<[string, Buffer, RegExp]> = [
      ['secret', Buffer.from('SECRET=hunter2'), /is not an IDX file/],
      ['empty', Buffer.alloc(0), /is empty/],
      ['truncated', ok.subarray(0, ok.length - 1), /truncated/],
      ['extra', Buffer.concat([ok, Buffer.from([9])]), /extra bytes/],
      ['zero', idxBytes([0, 0, 0], []), /zero size \(0×0×0\)/],
      ['float', idxBytes([30, 6, 5], data, 0x0d), /float32 values; only unsigned bytes/],
      ['two-d', idxBytes([30, 30], data), /2-D data; expected 3-D images/],
      ['gz-truncated', gzipSync(ok).subarray(0, 40), /truncated or corrupt/],
      ['gz-garbage', Buffer.from([0x1f, 0x8b, 1, 2, 3, 4]), /not valid gzip/],
    ];
    for (const [name, bytes, why] of cases) {
      const f = file(name, bytes);
      const [i] = issues({ images: f });
      expect(i.field, name).toBe('data.images');
      expect(i.message, name).toMatch(why);
      expect(i.message.startsWith(f), name).toBe(true);
      expect(i.message, name).not.toMatch(/SECR|0x53|hunter/);
    }
  });

  it('checks that labels match images and validation images match training images', () => {
    const short = writeIdx(join(dir, 'short-labels'), [29], new Array(29).fill(0));
    expect(issues({ labels: short })[0]).toMatchObject({
      field: 'data.labels',
      message: expect.stringMatching(/holds 29 labels but .* holds 30 images/),
    });
    const other = writeSet(dir, 'other', { count: 10, height: 5, width: 6, classes: 3 });
    expect(issues({ valImages: other.images, valLabels: other.labels })[0]).toMatchObject({
      field: 'data.valImages',
      message: 'images are 5×6 but the training images are 6×5',
    });
  });

  it('applies the cnn shrink rule to the image size in the header, and the split to the count', () => {
    expect(issues({}, { trunk: 'cnn', depth: 3, downsampleEvery: 1 })).toEqual([
      { field: 'model.depth', message: '3 stride-2 layers shrink a 6×5px image below 1px' },
    ]);
    expect(issues({}, { trunk: 'cnn', depth: 2, downsampleEvery: 1 })).toEqual([]);
    const one = writeSet(dir, 'one', { count: 1, height: 2, width: 2, classes: 1 });
    expect(issues({ images: one.images, labels: one.labels })[0].field).toBe('data.validationSplit');
  });
});
