import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { conv2DBackpropFilterWasmConfig } from '../../../src/train/backend/conv2d-backprop-filter.ts';
import { BackendUnavailableError, diagnoseBackends, selectBackend } from '../../../src/train/backend/select.ts';
import { registerWasmTrainingKernels, wasmTrainingKernelsRegistered } from '../../../src/train/backend/wasm-kernels.ts';

const resolvable = (pkg: string) => {
  try {
    createRequire(import.meta.url).resolve(pkg);
    return true;
  } catch {
    return false;
  }
};
/** The native packages are optional dependencies that fail to install on the dev machine. */
const nativeAbsent = !resolvable('@tensorflow/tfjs-node') && !resolvable('@tensorflow/tfjs-node-gpu');
/** with the native tier on, its BLAS follows (native-tier-gate.test.ts pins that part) */
const WASM_DETAIL = /^wasm \((?:no )?SIMD, 1 thread\)(?: \+ \S.*)?$/;

describe('selectBackend', () => {
  it.runIf(nativeAbsent)("'auto' picks wasm and says why both native backends were skipped", async () => {
    const report = await selectBackend('auto');
    expect(report.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(report.detail).toMatch(WASM_DETAIL);
    expect(report.parityMaxAbsDiff).not.toBeNull();
    expect(report.parityMaxAbsDiff!).toBeLessThan(1e-3);
    expect(report.skipped.map((s) => s.name)).toEqual(['tensorflow-gpu', 'tensorflow']);
    for (const s of report.skipped) {
      expect(s.reason).toMatch(/^not installed: its install downloads libtensorflow from storage\.googleapis\.com/);
      expect(s.reason).toMatch(/Cannot find package '@tensorflow\/tfjs-node(-gpu)?'/);
    }
  });

  it("'cpu' activates cpu with no parity test", async () => {
    const report = await selectBackend('cpu');
    expect(report).toMatchObject({ name: 'cpu', skipped: [], parityMaxAbsDiff: null });
    expect(tf.getBackend()).toBe('cpu');
  });

  it("'wasm' activates wasm with its parity score", async () => {
    const report = await selectBackend('wasm');
    expect(report.name).toBe('wasm');
    expect(report.detail).toMatch(WASM_DETAIL);
    expect(report.parityMaxAbsDiff!).toBeLessThan(1e-3);
  });

  it.runIf(nativeAbsent)("a forced 'tensorflow' fails with a clear message", async () => {
    const failure = selectBackend('tensorflow');
    await expect(failure).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(failure).rejects.toThrow(/backend 'tensorflow' is unavailable: not installed/);
  });

  it.runIf(nativeAbsent)("'auto' rejects a wasm that fails the parity self-test and falls back to cpu", async () => {
    const broken: tf.KernelConfig = {
      ...conv2DBackpropFilterWasmConfig,
      kernelFunc: (args) => {
        const out = conv2DBackpropFilterWasmConfig.kernelFunc(args) as tf.TensorInfo;
        const heap = args.backend as unknown as { typedArrayFromHeap(t: tf.TensorInfo): Float32Array };
        heap.typedArrayFromHeap(out).fill(0);
        return out;
      },
    };
    tf.unregisterKernel(tf.Conv2DBackpropFilter, 'wasm');
    tf.registerKernel(broken);
    try {
      const report = await selectBackend('auto');
      expect(report.name).toBe('cpu');
      expect(report.skipped[2].name).toBe('wasm');
      expect(report.skipped[2].reason).toMatch(/^parity self-test against cpu failed: max \|diff\| .* > 0\.001$/);
    } finally {
      // the training kernels' own registration (the native tier in front) takes the empty slot
      tf.unregisterKernel(tf.Conv2DBackpropFilter, 'wasm');
      registerWasmTrainingKernels();
      expect(wasmTrainingKernelsRegistered()).toBe(true);
    }
  });
});

describe('diagnoseBackends', () => {
  it('reports every backend and leaves the active one in place', async () => {
    await selectBackend('cpu');
    const all = await diagnoseBackends();
    expect(tf.getBackend()).toBe('cpu');
    expect(all.map((d) => d.name)).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
    const byName = Object.fromEntries(all.map((d) => [d.name, d]));
    expect(byName.wasm).toMatchObject({ available: true, reason: null });
    expect(byName.cpu).toMatchObject({ available: true, reason: null });
    if (nativeAbsent) {
      expect(byName.tensorflow.available).toBe(false);
      expect(byName.tensorflow.reason).toMatch(/not installed/);
      // the real diagnosis here: the exact command, and no path into this checkout
      expect(byName.tensorflow.nextStep).toMatch(/`npm install @tensorflow\/tfjs-node@\d+\.\d+\.\d+`/);
      for (const d of all) expect(`${d.reason ?? ''} ${d.nextStep ?? ''}`).not.toMatch(/\/src\/|node_modules\/|\.ts\b/);
    }
    expect(byName.wasm.nextStep).toBeNull();
  });
});
