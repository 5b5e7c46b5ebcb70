/**
 * Reading one IDX file (the MNIST / Fashion-MNIST format), raw or gzip-compressed.
 * Layout: magic = [0, 0, dtype, ndims], then ndims big-endian uint32 sizes, then the data.
 * Only unsigned bytes (dtype 0x08) are read; anything else is refused with a clear message.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** An IDX file's contents: `dims` (e.g. [60000, 28, 28]) and its row-major bytes. */
export interface IdxArray {
  /** absolute path it was read from */
  path: string;
  dims: number[];
  /** product(dims) values, 0..255 */
  data: Uint8Array;
}

/** Every problem with an IDX file; the message starts with the file's path. */
export class IdxError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'IdxError';
  }
}

/** The IDX type byte of unsigned bytes, the only type the workbench reads; names of the others. */
export const UBYTE = 0x08;
export const DTYPE_NAMES: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
};

/** Reads and parses `file` (resolved against process.cwd()); gzip is detected by its 1f 8b magic. */
export function readIdxFile(file: string): IdxArray {
  const path = resolve(file);
  const raw = readBytes(path);
  return parseIdx(path, isGzip(raw) ? gunzip(path, raw) : raw);
}

function readBytes(path: string): Uint8Array {
  try {
    // a device such as /dev/zero would be read forever: only regular files are IDX files
    const st = statSync(path);
    if (st.isDirectory()) throw new IdxError(path, 'is a directory, not an IDX file');
    if (!st.isFile()) throw new IdxError(path, 'is not a regular file (a device, FIFO or socket)');
    return readFileSync(path);
  } catch (e) {
    if (e instanceof IdxError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new IdxError(path, 'file not found');
    if (code === 'EISDIR') throw new IdxError(path, 'is a directory, not an IDX file');
    throw new IdxError(path, `cannot read: ${(e as Error).message}`);
  }
}

function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

function gunzip(path: string, b: Uint8Array): Uint8Array {
  try {
    return gunzipSync(b);
  } catch (e) {
    throw new IdxError(path, `gzip data is corrupt or truncated (${(e as Error).message})`);
  }
}

/** Parses IDX bytes; `path` only names the file in errors. */
export function parseIdx(path: string, bytes: Uint8Array): IdxArray {
  if (bytes.length === 0) throw new IdxError(path, 'file is empty');
  if (bytes.length < 4) throw new IdxError(path, `truncated: ${bytes.length} bytes, shorter than the 4-byte magic`);
  if (bytes[0] !== 0 || bytes[1] !== 0 || bytes[3] === 0) {
    // the bytes themselves are never quoted: the file may be anything on the disk
    throw new IdxError(path, 'not an IDX file: it does not start with an IDX magic number (0x00000803 or 0x00000801)');
  }
  const dtype = bytes[2];
  if (dtype !== UBYTE) {
    const name = DTYPE_NAMES[dtype] ?? 'unknown';
    throw new IdxError(
      path,
      `element type 0x${dtype.toString(16).padStart(2, '0')} (${name}) is not supported; only unsigned byte (0x08) is`,
    );
  }
  const ndims = bytes[3];
  const headerLength = 4 + 4 * ndims;
  if (bytes.length < headerLength) {
    throw new IdxError(path, `truncated: ${bytes.length} bytes, shorter than the ${headerLength}-byte header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: ndims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const expected = dims.reduce((a, b) => a * b, 1);
  const found = bytes.length - headerLength;
  if (found < expected) {
    throw new IdxError(
      path,
      `truncated: header promises ${dims.join('×')} = ${expected} bytes of data, found ${found}`,
    );
  }
  if (found > expected) {
    throw new IdxError(path, `${found - expected} unexpected bytes after the ${dims.join('×')} data`);
  }
  return { path, dims, data: bytes.subarray(headerLength) };
}
