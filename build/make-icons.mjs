#!/usr/bin/env node
// Draws the app icon offline (no image tools needed) and writes build/icon.png (512×512),
// build/icon.ico (PNG-compressed 16–256 px) and build/icon.icns (128–1024 px) for
// electron-builder. Re-run after changing the drawing: `node build/make-icons.mjs`.
//
// The picture: five bars whose heights fall off layer by layer (a vanishing gradient) and an
// orange line that holds them up (an auxiliary task), on a blue rounded square.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const OUT = new URL('./', import.meta.url);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels (size×size×4) → PNG bytes. */
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    sig,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);
const BARS = [0.62, 0.42, 0.27, 0.17, 0.11];

/** The colour at (u, v) in [0, 1]² (v down), as [r, g, b, a] in 0..1. */
function shade(u, v) {
  // rounded square, corner radius 0.2, margin 0.04
  const m = 0.04,
    r = 0.2;
  const dx = Math.max(Math.abs(u - 0.5) - (0.5 - m - r), 0);
  const dy = Math.max(Math.abs(v - 0.5) - (0.5 - m - r), 0);
  if (Math.hypot(dx, dy) > r) return [0, 0, 0, 0];
  let c = mix([0.11, 0.23, 0.52], [0.05, 0.55, 0.6], v);
  // bars: x from 0.17, width 0.1, gap 0.04, bottom at 0.8
  BARS.forEach((h, i) => {
    const x0 = 0.17 + i * 0.14;
    if (u >= x0 && u <= x0 + 0.1 && v <= 0.8 && v >= 0.8 - h) c = [0.96, 0.97, 1];
  });
  // the auxiliary task: a gently falling orange line across the bars
  const lineV = 0.36 + 0.1 * u;
  if (Math.abs(v - lineV) < 0.022 && u > 0.12 && u < 0.88) c = [1, 0.62, 0.18];
  return [...c, 1];
}

function render(size, ss = 4) {
  const out = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let j = 0; j < ss; j++) {
        for (let i = 0; i < ss; i++) {
          const [cr, cg, cb, ca] = shade((x + (i + 0.5) / ss) / size, (y + (j + 0.5) / ss) / size);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const o = (y * size + x) * 4;
      const n = ss * ss;
      out[o] = a ? Math.round((r / a) * 255) : 0;
      out[o + 1] = a ? Math.round((g / a) * 255) : 0;
      out[o + 2] = a ? Math.round((b / a) * 255) : 0;
      out[o + 3] = Math.round((a / n) * 255);
    }
  }
  return png(size, out);
}

/** ICO with PNG-compressed images (Windows Vista and later read them). */
function ico(images) {
  const head = Buffer.alloc(6);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(([size, data]) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([head, ...entries, ...images.map(([, d]) => d)]);
}

/** ICNS with PNG entries: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x). */
function icns(images) {
  const parts = images.map(([type, data]) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([h, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

const sizes = new Map([16, 32, 48, 64, 128, 256, 512, 1024].map((s) => [s, render(s, s <= 64 ? 8 : 4)]));
writeFileSync(new URL('icon.png', OUT), sizes.get(512));
writeFileSync(new URL('icon.ico', OUT), ico([16, 32, 48, 64, 128, 256].map((s) => [s, sizes.get(s)])));
writeFileSync(
  new URL('icon.icns', OUT),
  icns([
    ['ic07', sizes.get(128)],
    ['ic08', sizes.get(256)],
    ['ic09', sizes.get(512)],
    ['ic10', sizes.get(1024)],
  ]),
);
process.stdout.write('wrote build/icon.png, build/icon.ico, build/icon.icns\n');
