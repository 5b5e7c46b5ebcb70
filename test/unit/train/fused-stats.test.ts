/**
 * The native tier's statistics loops (native/blas hoststats.c) against the JavaScript reference
 * (stats.ts summarize, host-stats.ts): every field and every count equal, bit for bit (toEqual
 * tells −0 from +0), on random arrays of several sizes and on NaN, ±Infinity, ±0, denormals,
 * float32's extremes, a constant array and an empty one. Skipped, with a warning, where the addon
 * does not load or predates these loops.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadBlas, resetBlasForTests, setBlasEnabled, type BlasAddon } from '../../../src/train/backend/blas.ts';
import { activationStats, gradientStats, valuesSummary } from '../../../src/train/fused-stats.ts';
import { gramOf, weightNorms } from '../../../src/train/host-stats.ts';
import { ACTIVATIONS } from '../../../src/experiment/vocabulary.ts';
import { createRng } from '../../../src/util/rng.ts';

const load = loadBlas();
const missing = !load.ok
  ? `native tier off: ${load.reason}`
  : !load.addon.gradientStats
    ? 'addon predates hoststats.c'
    : null;
if (missing) console.warn(`skipping the native statistics tests (${missing})`);

/** `fn` on the native loops, then on the JavaScript (the tier switched off in this thread). */
function bothPaths<T>(fn: () => T): { native: T; js: T } {
  const native = fn();
  setBlasEnabled(false);
  try {
    return { native, js: fn() };
  } finally {
    setBlasEnabled(true);
  }
}

/** n values scale·N(0, 1) + offset, every 13th an exact zero. */
function normal(n: number, seed: number, scale = 1e-3, offset = 0): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, (_, i) => (i % 13 === 0 ? 0 : offset + scale * rng.normal()));
}

/** Magnitudes over every float32 decade, subnormals included, both signs. */
function decades(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => (rng.next() < 0.5 ? -1 : 1) * 10 ** (rng.next() * 83 - 45));
}

const specials = [NaN, Infinity, -Infinity, 0, -0, 1e-45, -1e-45, 1e-40, 1.1754942e-38, 3.4028235e38, -3.4028235e38];
/** `base` with the special values scattered through it */
function withSpecials(base: Float32Array, seed: number, only?: number[]): Float32Array {
  const a = base.slice();
  const rng = createRng(seed);
  const pick = only ?? specials;
  for (let i = 0; i < Math.max(1, a.length / 20); i++) if (a.length) a[rng.int(a.length)] = pick[i % pick.length];
  return a;
}

/** float32s from bit patterns: NaN payloads of both signs (a Float32Array write would make them all one NaN) */
function fromBits(bits: number[]): Float32Array {
  return new Float32Array(Uint32Array.from(bits).buffer);
}
const rng = createRng(12);
const randomBits = fromBits(Array.from({ length: 50_000 }, () => Math.floor(rng.next() * 2 ** 32)));
const nanPayloads = [0x7f800001, 0xff800001, 0x7fffffff, 0xffffffff, 0x7fc00000, 0xffc00000, 0x7f800000, 0x3f800000];

const cases: Array<[string, Float32Array]> = [
  ['random bit patterns', randomBits],
  ['NaN payloads, ±Infinity and 1', fromBits(Array.from({ length: 800 }, (_, i) => nanPayloads[i % 8]))],
  ['empty', new Float32Array(0)],
  ['one value', Float32Array.of(-0.25)],
  ['seven values', normal(7, 1)],
  ['1000 small values', normal(1000, 2, 1e-6)],
  ['100 003 values about an offset', normal(100_003, 3, 1e-2, 1000)],
  ['78 000 values over every decade', decades(78_000, 4)],
  ['a constant array', new Float32Array(5000).fill(0.125)],
  ['all zeros, both signs', Float32Array.from({ length: 64 }, (_, i) => (i % 2 ? -0 : 0))],
  ['denormals only', Float32Array.from({ length: 300 }, (_, i) => (i % 3 ? 1e-45 * i : -1e-42))],
  ['±0, denormals and extremes without NaN', withSpecials(normal(4000, 5), 6, specials.slice(1))],
  ['NaN and ±Infinity scattered', withSpecials(decades(20_000, 7), 8)],
  ['+Infinity as the max', withSpecials(normal(999, 9), 10, [Infinity])],
  ['all NaN', new Float32Array(40).fill(NaN)],
];

describe.skipIf(missing !== null)('native statistics loops equal the JavaScript reference', () => {
  afterEach(() => resetBlasForTests());

  it.each(cases)('gradient stats (summary, histogram, log10 counts): %s', (_, v) => {
    for (const bins of [1, 30, 64]) {
      const { native, js } = bothPaths(() => gradientStats(v, bins));
      expect(native.summary).toEqual(js.summary);
      expect(Array.from(native.histogram)).toEqual(Array.from(js.histogram));
      expect(Array.from(native.log10)).toEqual(Array.from(js.log10));
    }
  });

  it.each(cases)('activation and dz summaries, every saturation rule: %s', (_, v) => {
    for (const act of ACTIVATIONS) {
      const { native, js } = bothPaths(() => activationStats(v, act));
      expect(native).toEqual(js);
    }
    const { native, js } = bothPaths(() => valuesSummary(v));
    expect(native).toEqual(js);
  });

  it.each(cases)('weight norms and the Gram matrix: %s', (_, v) => {
    const before = v.map((x, i) => (i % 3 ? x : x * 0.999));
    const start = v.map((x, i) => x + (i % 5) * 1e-7);
    const { native, js } = bothPaths(() => [
      weightNorms(v, before, start),
      gramOf([
        [v, start],
        [before, v],
      ]),
    ]);
    expect(native).toEqual(js);
  });

  it('the path taken: the addon with the tier on, the JavaScript with it switched off', () => {
    const real = load.ok ? load.addon : null;
    const calls = { gradientStats: 0, arrayStats: 0, weightNorms: 0, dot: 0 };
    const counted: BlasAddon = {
      ...real!,
      gradientStats: (...a) => (calls.gradientStats++, real!.gradientStats!(...a)),
      arrayStats: (...a) => (calls.arrayStats++, real!.arrayStats!(...a)),
      weightNorms: (...a) => (calls.weightNorms++, real!.weightNorms!(...a)),
      dot: (...a) => (calls.dot++, real!.dot!(...a)),
    };
    resetBlasForTests({ ok: true, addon: counted, info: real!.info() });
    const v = normal(500, 11);
    const run = () => {
      gradientStats(v, 30);
      activationStats(v, 'relu');
      valuesSummary(v);
      weightNorms(v, v, v);
      gramOf([[v], [v]]);
    };
    setBlasEnabled(false);
    run();
    expect(calls).toEqual({ gradientStats: 0, arrayStats: 0, weightNorms: 0, dot: 0 });
    setBlasEnabled(true);
    run();
    expect(calls).toEqual({ gradientStats: 1, arrayStats: 2, weightNorms: 1, dot: 3 });
  });

  it('a wrong array is a thrown error naming it, not a read outside it', () => {
    const addon = load.ok ? load.addon : null;
    const out = new Float64Array(5);
    expect(() => addon!.weightNorms!(new Float32Array(4), new Float32Array(3), new Float32Array(4), out)).toThrow(
      'before holds 3 elements, the operation needs 4',
    );
    expect(() => addon!.dot!(new Float32Array(2), new Float64Array(2) as never)).toThrow('b must be a Float32Array');
    expect(() => addon!.arrayStats!(new Float32Array(2), 4, new Float64Array(9))).toThrow(/act must be 0/);
    expect(() =>
      addon!.gradientStats!(
        new Float32Array(2),
        new Float64Array(3),
        new Float64Array(10),
        new Uint16Array(10),
        new Uint32Array(11),
        new Float64Array(8),
      ),
    ).toThrow('start holds 10 elements, the operation needs 32768');
  });
});
