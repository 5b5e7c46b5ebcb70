/**
 * The one-pass wasm optimiser against tf.train on cpu (the reference), over many steps: the same
 * seeded parameters and gradients must give the same parameters within float32 rounding.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createOptimizer, type OptimizerSpec } from '../../../src/train/optimizer/index.ts';
import { FusedWasmOptimizer } from '../../../src/train/optimizer/fused.ts';
import { optimizerModuleBytes } from '../../../src/train/optimizer/simd-module.ts';
import { TfTrainOptimizer } from '../../../src/train/optimizer/tf-train.ts';
import { onCpuAndWasm, relativeDiff, seededValues } from '../backend/helpers.ts';

afterEach(() => tf.disposeVariables());

const SHAPES: Record<string, number[]> = {
  'p/dense0/kernel': [96, 40],
  'p/dense0/bias': [40],
  'p/conv1/kernel': [3, 3, 4, 8],
  'p/dense1/kernel': [5, 3],
  'p/../log_vars': [2],
};
const DECAYED = new Set(['p/dense0/kernel', 'p/conv1/kernel', 'p/dense1/kernel']);

/** Trains the variables above for `steps` steps with seeded gradients (+ a pull towards 0); returns all values. */
function trainFlat(spec: OptimizerSpec, steps: number): Float32Array {
  const vars = Object.entries(SHAPES).map(([name, shape], i) =>
    tf.variable(tf.tensor(seededValues(shape, 10 + i), shape), true, name),
  );
  const opt = createOptimizer(spec, { decayed: DECAYED });
  for (let s = 0; s < steps; s++) {
    const grads = tf.tidy(() =>
      Object.fromEntries(
        vars.map((v, i) => [v.name, tf.add(tf.tensor(seededValues(v.shape, 1000 * s + i), v.shape), tf.mul(v, 0.3))]),
      ),
    );
    opt.applyGradients(grads);
    tf.dispose(Object.values(grads));
  }
  opt.dispose();
  const out = Float32Array.from(vars.flatMap((v) => Array.from(v.dataSync())));
  tf.disposeVariables();
  return out;
}

const base = { learningRate: 0.01, momentum: 0.9, weightDecay: 0 } as const;
const cases: Array<[string, OptimizerSpec]> = [
  ['sgd', { ...base, kind: 'sgd' }],
  ['momentum', { ...base, kind: 'momentum' }],
  ['adam', { ...base, kind: 'adam' }],
  ['adam + weight decay', { ...base, kind: 'adam', weightDecay: 0.01 }],
  ['adam + clipping that bites', { ...base, kind: 'adam', clipNorm: 0.5 }],
  ['momentum + decay + clipping', { ...base, kind: 'momentum', weightDecay: 0.05, clipNorm: 1 }],
  ['sgd + decay + clipping', { ...base, kind: 'sgd', learningRate: 0.1, weightDecay: 0.1, clipNorm: 2 }],
];

describe('the one-pass wasm optimiser', () => {
  it.each(cases)('%s: 60 steps agree with tf.train on cpu', async (_, spec) => {
    const { cpu, wasm } = await onCpuAndWasm(() => trainFlat(spec, 60));
    const start = Float32Array.from(
      Object.values(SHAPES).flatMap((shape, i) => Array.from(seededValues(shape, 10 + i))),
    );
    // the run moved the parameters a lot, so agreeing is not agreeing on "unchanged"
    expect(relativeDiff(start, cpu)).toBeGreaterThan(0.05);
    // same float32 operations in the same order: bit-identical, except that the clip factor's
    // sum of squares is accumulated in another order
    if (spec.clipNorm === undefined) expect(relativeDiff(wasm, cpu)).toBe(0);
    else expect(relativeDiff(wasm, cpu)).toBeLessThan(1e-6);
  });

  it('is what createOptimizer gives on wasm; tf.train stays on cpu', async () => {
    const spec = { ...base, kind: 'adam' } as const;
    await tf.setBackend('cpu');
    expect(createOptimizer(spec, { decayed: DECAYED })).toBeInstanceOf(TfTrainOptimizer);
    await onCpuAndWasm(() => new Float32Array(0));
    expect(createOptimizer(spec, { decayed: DECAYED })).toBeInstanceOf(FusedWasmOptimizer);
  });

  it('assembles a valid module for plain and shared (threaded) memories', () => {
    expect(WebAssembly.validate(optimizerModuleBytes(false))).toBe(true);
    expect(WebAssembly.validate(optimizerModuleBytes(true))).toBe(true);
  });

  it('names a gradient that matches no variable', async () => {
    await onCpuAndWasm(() => new Float32Array(0));
    const opt = createOptimizer({ ...base, kind: 'sgd' }, { decayed: DECAYED });
    const g = tf.ones([2]);
    expect(() => opt.applyGradients({ 'nowhere/kernel': g })).toThrow(/'nowhere\/kernel' names no registered variable/);
    g.dispose();
  });

  it('keeps tensors and backend buffers flat across steps, and frees its state on dispose', async () => {
    await onCpuAndWasm(() => new Float32Array(0));
    const backend = tf.backend();
    const v = tf.tidy(() => tf.variable(tf.ones([7, 5]), true, 'flat/dense/kernel'));
    const dataIdsBefore = backend.numDataIds();
    const opt = createOptimizer({ ...base, kind: 'adam', clipNorm: 1 }, { decayed: DECAYED });
    const counts: number[][] = [];
    for (let s = 0; s < 4; s++) {
      const g = tf.fill([7, 5], 0.5);
      opt.applyGradients({ [v.name]: g });
      g.dispose();
      counts.push([tf.memory().numTensors, backend.numDataIds()]);
    }
    expect(counts[3]).toEqual(counts[1]);
    opt.dispose();
    expect(backend.numDataIds()).toBe(dataIdsBefore);
    expect(v.dataSync()[0]).toBeLessThan(1);
  });
});
