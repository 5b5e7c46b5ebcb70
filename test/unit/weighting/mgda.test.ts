import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  combineGrads,
  gramMatrix,
  minNormTwo,
  minNormValue,
  minNormWeights,
} from '../../../src/train/weighting/mgda.ts';
import { createRng } from '../../../src/util/rng.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const gramOf = (vs: number[][]) => vs.map((a) => vs.map((b) => a.reduce((s, x, i) => s + x * b[i], 0)));
/** Optimality of α on the simplex: (Gα)_i ≥ αᵀGα for every i, with equality on the support. */
const expectKkt = (gram: number[][], alpha: number[]) => {
  expect(alpha.every((a) => a >= 0)).toBe(true);
  const f = minNormValue(gram, alpha);
  gram.forEach((row, i) => {
    const gi = row.reduce((s, x, k) => s + x * alpha[k], 0);
    expect(gi).toBeGreaterThanOrEqual(f - 1e-7);
    if (alpha[i] > 1e-6) expect(gi).toBeCloseTo(f, 6);
  });
};
const expectVec = (got: number[], want: number[], digits = 6) => {
  expect(got).toHaveLength(want.length);
  want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, digits));
};

describe('gramMatrix', () => {
  it('is the K×K matrix of dot products', () => {
    const g = [tf.tensor1d([1, 2, 0]), tf.tensor1d([3, -1, 2])];
    // (1,2,0)·(1,2,0) = 5, ·(3,−1,2) = 1, (3,−1,2)·(3,−1,2) = 14
    expect(gramMatrix(g)).toEqual([
      [5, 1],
      [1, 14],
    ]);
    tf.dispose(g);
  });
});

describe('minNormWeights, K = 2 closed form', () => {
  it('splits orthogonal unit gradients ½, ½', () => {
    expectVec(
      minNormWeights(
        gramOf([
          [1, 0],
          [0, 1],
        ]),
      ),
      [0.5, 0.5],
    );
  });

  it('puts all weight on g1 when g1 = (1,0), g2 = (2,0)', () => {
    // α1 = (G22 − G12)/(G11 + G22 − 2G12) = (4 − 2)/(1 + 4 − 4) = 2 → clipped to 1
    expectVec(
      minNormWeights(
        gramOf([
          [1, 0],
          [2, 0],
        ]),
      ),
      [1, 0],
    );
    expectVec(
      minNormWeights(
        gramOf([
          [2, 0],
          [1, 0],
        ]),
      ),
      [0, 1],
    );
  });

  it('solves an interior case by hand and handles equal gradients', () => {
    // g1 = (2,0), g2 = (0,1): α1 = (1 − 0)/(4 + 1) = 0.2; point (0.4, 0.8), ‖·‖² = 0.8
    const g = gramOf([
      [2, 0],
      [0, 1],
    ]);
    expectVec(minNormWeights(g), [0.2, 0.8]);
    expect(minNormValue(g, [0.2, 0.8])).toBeCloseTo(0.8, 12);
    expect(minNormTwo(4, 4, 4)).toBe(0.5); // g1 = g2: every α is optimal, take ½
    expect(minNormTwo(0, 0, 0)).toBe(0.5);
  });
});

describe('minNormWeights, K ≥ 3 (Frank–Wolfe)', () => {
  it('gives ⅓ each for three orthonormal gradients', () => {
    expectVec(
      minNormWeights(
        gramOf([
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ]),
      ),
      [1 / 3, 1 / 3, 1 / 3],
    );
  });

  it('finds the origin when it lies in the hull, and a zero weight on an edge optimum', () => {
    // 0 = ½(1,0) + ¼(−1,1) + ¼(−1,−1)
    expectVec(
      minNormWeights(
        gramOf([
          [1, 0],
          [-1, 1],
          [-1, -1],
        ]),
      ),
      [0.5, 0.25, 0.25],
    );
    // away steps converge linearly: 10 iterations suffice here (plain Frank–Wolfe is still at 0.4985)
    expectVec(
      minNormWeights(
        gramOf([
          [1, 0],
          [-1, 1],
          [-1, -1],
        ]),
        { maxIter: 10 },
      ),
      [0.5, 0.25, 0.25],
      8,
    );
    // the segment g1–g2 passes (½,½) with ‖·‖² = ½; g3 = (2,2) only lengthens it
    expectVec(
      minNormWeights(
        gramOf([
          [1, 0],
          [0, 1],
          [2, 2],
        ]),
      ),
      [0.5, 0.5, 0],
    );
  });

  it('matches a brute-force grid over the simplex for K = 3 and satisfies the KKT conditions', () => {
    const vs = [
      [1, 0.2, 0],
      [-0.5, 1, 0.3],
      [0.3, -0.8, 0.5],
    ];
    const grads = vs.map((v) => tf.tensor1d(v));
    const gram = gramMatrix(grads);
    const alpha = minNormWeights(gram);
    expect(alpha.every((a) => a >= 0)).toBe(true);
    expect(alpha.reduce((s, a) => s + a, 0)).toBeCloseTo(1, 12);
    const f = minNormValue(gram, alpha);
    const n = 200;
    let best = { f: Infinity, a: [0, 0, 0] };
    for (let i = 0; i <= n; i++)
      for (let j = 0; i + j <= n; j++) {
        const a = [i / n, j / n, (n - i - j) / n];
        const fa = minNormValue(gram, a);
        if (fa < best.f) best = { f: fa, a };
      }
    expect(f).toBeLessThanOrEqual(best.f + 1e-9);
    expect(best.f - f).toBeLessThan(1e-3);
    expectVec(alpha, best.a, 1);
    expectKkt(gram, alpha);
    // the combined direction is the min-norm point
    const d = combineGrads(grads, alpha);
    const dv = Array.from(d.dataSync());
    expect(dv.reduce((s, x) => s + x * x, 0)).toBeCloseTo(f, 5);
    tf.dispose([...grads, d]);
  });

  it('satisfies the KKT conditions for K = 5 gradients in 4-D', () => {
    const rng = createRng(3);
    const vs = Array.from({ length: 5 }, () => Array.from({ length: 4 }, () => rng.normal()));
    const gram = gramOf(vs);
    const alpha = minNormWeights(gram);
    expect(alpha.reduce((s, a) => s + a, 0)).toBeCloseTo(1, 12);
    expectKkt(gram, alpha);
  });

  it('rejects a non-square or non-finite Gram matrix', () => {
    expect(() => minNormWeights([[1, 0], [0]])).toThrow(RangeError);
    expect(() =>
      minNormWeights([
        [1, NaN, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]),
    ).toThrow(RangeError);
    expect(minNormWeights([[3]])).toEqual([1]);
  });
});
