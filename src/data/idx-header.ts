/**
 * Reading only the header of an IDX file (raw or gzip) to check it before any data is loaded:
 * a regular file, an IDX magic number, unsigned bytes, positive sizes, and a length that matches
 * the header. Reads at most a few KiB whatever the file is; messages never quote its bytes.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { gunzipSync, constants as zlib } from 'node:zlib';
import { DTYPE_NAMES, UBYTE } from './idx-file.ts';

export interface IdxHeader {
  dims: number[];
  /** bytes of the file as stored (compressed for .gz) */
  storedBytes: number;
}

export type HeaderResult = { ok: true; header: IdxHeader } | { ok: false; problem: string };

/** The compressed prefix inflated to find the header: deflate expands at most ~1000×, so ≤ ~4 MiB. */
const PREFIX_BYTES = 4096;

const fail = (problem: string): HeaderResult => ({ ok: false, problem });

function readAt(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, position);
  return buf.subarray(0, n);
}

function openRegular(path: string): { fd: number; size: number } | { problem: string } {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'file not found' };
    if (code === 'EACCES' || code === 'EPERM') return { problem: 'cannot be read (permission denied)' };
    return { problem: `cannot be opened (${code ?? 'error'})` };
  }
  const st = fstatSync(fd);
  if (st.isFile()) return { fd, size: st.size };
  closeSync(fd);
  return {
    problem: st.isDirectory() ? 'is a directory, not an IDX file' : 'is not a regular file (a device, FIFO or socket)',
  };
}

/** Checks an IDX file's header and length against `ndims` (3 for images, 1 for labels). */
export function readIdxHeader(path: string, ndims: number): HeaderResult {
  const opened = openRegular(path);
  if ('problem' in opened) return fail(opened.problem);
  const { fd, size } = opened;
  try {
    if (size === 0) return fail('is empty');
    const prefix = readAt(fd, Math.min(size, PREFIX_BYTES), 0);
    const gz = prefix.length >= 2 && prefix[0] === 0x1f && prefix[1] === 0x8b;
    let head: Buffer = prefix;
    if (gz) {
      try {
        head = gunzipSync(prefix, { finishFlush: zlib.Z_SYNC_FLUSH });
      } catch {
        return fail('is not valid gzip data');
      }
    }
    const checked = checkHeader(head, ndims);
    if (typeof checked === 'string') return fail(checked);
    const expected = 4 + 4 * ndims + checked.reduce((a, b) => a * b, 1);
    if (gz) {
      // gzip's trailer holds the inflated length mod 2^32 (RFC 1952 ISIZE)
      const isize = size >= 4 ? readAt(fd, 4, size - 4).readUInt32LE(0) : -1;
      if (isize !== expected % 2 ** 32)
        return fail(
          `decompresses to a different length than its header describes (${checked.join('×')}): truncated or corrupt`,
        );
    } else if (size !== expected) {
      const what = size < expected ? 'truncated' : 'has extra bytes after the data';
      return fail(`is ${size} bytes but its header describes ${expected} (${checked.join('×')}): ${what}`);
    }
    return { ok: true, header: { dims: checked, storedBytes: size } };
  } finally {
    closeSync(fd);
  }
}

/** The dims of a valid header, or what is wrong with it. */
function checkHeader(b: Buffer, ndims: number): number[] | string {
  if (b.length < 4 || b[0] !== 0 || b[1] !== 0 || b[3] === 0)
    return 'is not an IDX file (it does not start with an IDX magic number)';
  if (b[2] !== UBYTE) {
    const name = DTYPE_NAMES[b[2]];
    return `holds ${name ? `${name} values` : 'an unknown element type'}; only unsigned bytes (IDX type 0x08) are supported`;
  }
  const what = ndims === 3 ? '3-D images (count×rows×cols)' : '1-D labels (count)';
  if (b[3] !== ndims) return `holds ${b[3]}-D data; expected ${what}`;
  if (b.length < 4 + 4 * ndims) return 'is truncated inside its header';
  const dims = Array.from({ length: ndims }, (_, i) => b.readUInt32BE(4 + 4 * i));
  if (dims.some((d) => d === 0)) return `has a zero size (${dims.join('×')}); every size must be at least 1`;
  return dims;
}
