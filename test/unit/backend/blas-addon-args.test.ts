/**
 * The addon checks every argument before native code touches memory: a missing argument, a wrong
 * array type or a short array is a thrown error naming it, never a silent no-op or a stray write.
 */
import { describe, expect, it } from 'vitest';
import { loadBlas } from '../../../src/train/backend/blas.ts';

const tier = loadBlas();

describe.skipIf(!tier.ok)('gradient-workbench-blas arguments', () => {
  const addon = tier.ok ? tier.addon : null!;
  const f = (n: number) => new Float32Array(n);
  // 1 image 4×4×1 → 4×4×2, 3×3 kernel, stride 1, padding 1
  const geometry = Int32Array.from([1, 4, 4, 1, 4, 4, 2, 3, 3, 1, 1, 1, 1, 1, 1]);

  it('a convolution with too few arguments throws instead of doing nothing', () => {
    expect(() => (addon.conv2d as (...a: unknown[]) => void)(geometry)).toThrow(TypeError);
  });

  it('the geometry must be an Int32Array of exactly 15 values, sizes ≥ 1', () => {
    expect(() => addon.conv2d(Float32Array.from(geometry) as never, f(16), f(18), f(32))).toThrow(
      'must be an Int32Array',
    );
    expect(() => addon.conv2d(Int32Array.from([...geometry, 0]), f(16), f(18), f(32))).toThrow(RangeError);
    const zero = Int32Array.from(geometry);
    zero[9] = 0;
    expect(() => addon.conv2d(zero, f(16), f(18), f(32))).toThrow('strides');
  });

  it('a short array is a RangeError naming it; the right sizes run', () => {
    expect(() => addon.conv2d(geometry, f(16), f(17), f(32))).toThrow(
      /filter holds 17 elements, the operation needs 18/,
    );
    expect(() => addon.conv2dBackpropInput(geometry, f(32), f(18), f(15))).toThrow(/dx holds 15/);
    expect(() => addon.sgemm(false, false, 2, 3, 4, f(8), f(11), f(6))).toThrow(/b holds 11/);
    const y = f(32);
    addon.conv2d(geometry, f(16).fill(1), f(18).fill(1), y);
    expect(y[0]).toBe(4); // a corner sees a 2×2 window of ones
    expect(y[2 * (1 * 4 + 1)]).toBe(9); // an inner position sees all 9
  });
});
