import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readIdxFile } from '../../../src/data/idx-file.ts';
import { idxBytes, writeIdx } from './idx-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'gw-idx-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const data = Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 10);

describe('readIdxFile', () => {
  it('reads a raw 3-D ubyte file', () => {
    const f = writeIdx(join(dir, 'raw-idx3-ubyte'), [2, 3, 4], data);
    const a = readIdxFile(f);
    expect(a.dims).toEqual([2, 3, 4]);
    expect(Array.from(a.data)).toEqual(data);
    expect(a.path).toBe(f);
  });

  it('reads the same file gzip-compressed, whatever its name', () => {
    const f = writeIdx(join(dir, 'compressed-no-suffix'), [2, 3, 4], data, { gzip: true });
    expect(Array.from(readIdxFile(f).data)).toEqual(data);
  });

  it('resolves a relative path against the working directory', () => {
    const f = writeIdx(join(dir, 'relative-idx1-ubyte'), [3], [0, 1, 2]);
    expect(readIdxFile(relative(process.cwd(), f)).path).toBe(f);
  });

  const bad = (name: string, bytes: Uint8Array) => {
    const f = join(dir, name);
    writeFileSync(f, bytes);
    return f;
  };

  it.each([
    ['missing', null, /file not found/],
    ['empty', new Uint8Array(0), /file is empty/],
    ['bad-magic', Buffer.from('PK\x03\x04 not an idx file'), /not an IDX file/],
    ['float', idxBytes([2], [0, 0, 0, 0, 0, 0, 0, 0], 0x0d), /element type 0x0d \(float32\) is not supported/],
    ['short-header', idxBytes([2, 3, 4], data).subarray(0, 10), /truncated: 10 bytes, shorter than the 16-byte header/],
    [
      'short-data',
      idxBytes([2, 3, 4], data).subarray(0, 30),
      /truncated: header promises 2×3×4 = 24 bytes of data, found 14/,
    ],
    ['long-data', Buffer.concat([idxBytes([2, 3, 4], data), Buffer.from([1, 2])]), /2 unexpected bytes after/],
    ['bad-gzip', gzipSync(idxBytes([2, 3, 4], data)).subarray(0, 20), /gzip data is corrupt or truncated/],
  ])('refuses a %s file, naming it', (name, bytes, problem) => {
    const f = bytes ? bad(name, bytes) : join(dir, name);
    expect(() => readIdxFile(f)).toThrow(problem);
    expect(() => readIdxFile(f)).toThrow(f);
  });

  it('never quotes the bytes of a file that is not IDX, and refuses a device without reading it', () => {
    const f = bad('secret', Buffer.from('SECRET=hunter2'));
    expect(() => readIdxFile(f)).toThrow(/not an IDX file/);
    expect(() => readIdxFile(f)).not.toThrow(/0x53|SECR|5345/);
    expect(() => readIdxFile('/dev/zero')).toThrow(/not a regular file/);
  });

  it('refuses a truncated file inside intact gzip', () => {
    const f = bad('short.gz', gzipSync(idxBytes([2, 3, 4], data).subarray(0, 20)));
    expect(() => readIdxFile(f)).toThrow(`${f}: truncated`);
  });
});
