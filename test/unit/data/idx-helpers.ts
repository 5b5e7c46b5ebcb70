/** Writes small IDX files for the data tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';

/** IDX bytes: magic [0, 0, dtype, ndims], big-endian uint32 dims, then `data`. */
export function idxBytes(dims: number[], data: ArrayLike<number>, dtype = 0x08): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = dtype;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(Uint8Array.from(data))]);
}

export function writeIdx(path: string, dims: number[], data: ArrayLike<number>, opts: { gzip?: boolean } = {}): string {
  mkdirSync(dirname(path), { recursive: true });
  const b = idxBytes(dims, data);
  writeFileSync(path, opts.gzip ? gzipSync(b) : b);
  return path;
}

/**
 * `count` images of height×width whose first pixel is the sample index (mod 256) and the rest a
 * ramp, and labels `i % classes`: each image says which sample it is, so pairing can be checked.
 */
export function writeSet(
  dir: string,
  stem: string,
  o: { count: number; height: number; width: number; classes: number; gzip?: boolean },
): { images: string; labels: string } {
  const px = o.height * o.width;
  const pixels = new Uint8Array(o.count * px);
  for (let i = 0; i < o.count; i++) {
    pixels[i * px] = i % 256;
    for (let p = 1; p < px; p++) pixels[i * px + p] = (p * 37) % 256;
  }
  const labels = Array.from({ length: o.count }, (_, i) => i % o.classes);
  const ext = o.gzip ? '.gz' : '';
  return {
    images: writeIdx(`${dir}/${stem}-images-idx3-ubyte${ext}`, [o.count, o.height, o.width], pixels, o),
    labels: writeIdx(`${dir}/${stem}-labels-idx1-ubyte${ext}`, [o.count], labels, o),
  };
}
