import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { pcgrad, pcgradConflicts, pcgradWithConflicts, shuffledOthers } from '../../../src/train/weighting/pcgrad.ts';
import { createRng } from '../../../src/util/rng.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const vecs = (...xs: number[][]) => xs.map((x) => tf.tensor1d(x));
const run = (xs: number[][], order: (i: number) => number[]) => {
  const g = vecs(...xs);
  const out = pcgrad(g, order);
  const v = Array.from(out.dataSync());
  tf.dispose([...g, out]);
  return v;
};
const expectVec = (got: number[], want: number[]) => {
  expect(got).toHaveLength(want.length);
  want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 6));
};

describe('pcgrad', () => {
  it('projects two conflicting 2-D gradients onto each other’s normal plane', () => {
    // g1 = (1,0), g2 = (−1,1): g1·g2 = −1 < 0.
    // g1^PC = g1 − (−1/‖g2‖²=2)·g2 = (1,0) + ½(−1,1) = (0.5, 0.5)
    // g2^PC = g2 − (−1/‖g1‖²=1)·g1 = (−1,1) + (1,0) = (0, 1)
    // sum = (0.5, 1.5)
    expectVec(
      run(
        [
          [1, 0],
          [-1, 1],
        ],
        (i) => [1 - i],
      ),
      [0.5, 1.5],
    );
  });

  it('passes non-conflicting gradients through unchanged (plain sum)', () => {
    // (1,0)·(1,1) = 1 ≥ 0, and orthogonal pairs (dot 0) are not conflicts either
    expectVec(
      run(
        [
          [1, 0],
          [1, 1],
        ],
        (i) => [1 - i],
      ),
      [2, 1],
    );
    expectVec(
      run(
        [
          [1, 0],
          [0, 3],
        ],
        (i) => [1 - i],
      ),
      [1, 3],
    );
  });

  // g1 = (1,0), g2 = (−1,1), g3 = (0,−1); ‖g1‖² = 1, ‖g2‖² = 2, ‖g3‖² = 1
  const three = [
    [1, 0],
    [-1, 1],
    [0, -1],
  ];

  it('follows the given order with three gradients, projecting on the ORIGINAL g_j', () => {
    // order(0) = [1,2]: g1·g2 = −1 → (0.5,0.5); ·g3 = −0.5 → (0.5,0.5) − (−0.5/1)(0,−1) = (0.5, 0)
    // order(1) = [0,2]: g2·g1 = −1 → (0,1); ·g3 = −1 → (0,1) + (0,−1) = (0,0)
    // order(2) = [0,1]: g3·g1 = 0 → unchanged; ·g2 = −1 → (0,−1) + ½(−1,1) = (−0.5,−0.5)
    // sum = (0, −0.5). Projecting on g_j^PC instead would give (0.5, −1).
    const fwd = (i: number) => [0, 1, 2].filter((j) => j !== i);
    expectVec(run(three, fwd), [0, -0.5]);
    // reversed: g1: ·g3 = 0, ·g2 = −1 → (0.5,0.5); g2 → (0,0); g3: ·g2 → (−0.5,−0.5), ·g1 = −0.5 → (0,−0.5)
    // sum = (0.5, 0)
    expectVec(
      run(three, (i) => fwd(i).reverse()),
      [0.5, 0],
    );
  });

  it('counts the projections (5 conflicting visits in either order above)', () => {
    const g = vecs(...three);
    expect(pcgradConflicts(g, (i) => [0, 1, 2].filter((j) => j !== i))).toBe(5);
    expect(pcgradConflicts(vecs([1, 0], [1, 1]), (i) => [1 - i])).toBe(0);
    tf.dispose(g);
  });

  it('survives a zero gradient, skips i in its own order, and leaves only its result in memory', () => {
    const g = vecs([1, 2], [0, 0]);
    const before = tf.memory().numTensors;
    const { grad, conflicts } = pcgradWithConflicts(g, () => [0, 1]);
    expect(tf.memory().numTensors).toBe(before + 2);
    expectVec(Array.from(grad.dataSync()), [1, 2]);
    expect(conflicts.dataSync()[0]).toBe(0);
    tf.dispose([...g, grad, conflicts]);
  });

  it('rejects mismatched shapes and out-of-range orders', () => {
    const g = vecs([1, 0], [1, 0, 0]);
    expect(() => pcgrad(g, (i) => [1 - i])).toThrow(RangeError);
    const h = vecs([1, 0], [0, 1]);
    expect(() => pcgrad(h, () => [2])).toThrow(RangeError);
    tf.dispose([...g, ...h]);
  });

  it('shuffledOthers yields a permutation of the other indices', () => {
    const order = shuffledOthers(4, createRng(7));
    for (let i = 0; i < 4; i++) expect(Array.from(order(i)).sort()).toEqual([0, 1, 2, 3].filter((j) => j !== i));
  });
});
