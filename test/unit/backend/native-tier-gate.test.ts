import { nextStepFor } from '../../../src/train/backend/next-steps.ts';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  blasTier,
  loadBlas,
  resetBlasForTests,
  setBlasEnabled,
  type BlasAddon,
} from '../../../src/train/backend/blas.ts';
import { diagnoseBackends, selectBackend } from '../../../src/train/backend/select.ts';
import { backendSchema } from '../../../src/store/validate.ts';
import { blasMissing } from './blas-tier.ts';

const real = loadBlas();

/** The real addon, except that its filter gradient (or, for single-channel inputs, its convolution) is zeroed. */
function brokenAddon(kernel: 'filter gradient' | 'single-channel convolution'): BlasAddon {
  if (!real.ok) throw new Error(real.reason);
  const a = real.addon;
  const singleChannel = kernel === 'single-channel convolution';
  return {
    sgemm: (...args) => a.sgemm(...args),
    conv2d: (g, x, w, y) => {
      a.conv2d(g, x, w, y);
      if (singleChannel && g[3] === 1) y.fill(0);
    },
    conv2dBackpropFilter: (g, x, dy, dw) => {
      a.conv2dBackpropFilter(g, x, dy, dw);
      if (!singleChannel) dw.fill(0);
    },
    conv2dBackpropInput: (...args) => a.conv2dBackpropInput(...args),
    setThreads: (n) => a.setThreads(n),
    info: () => a.info(),
  };
}

/** the addon a run was pointed at (a rebuilt native/blas), restored after each test */
const addonFile = process.env.GRADIENT_WORKBENCH_BLAS_ADDON;

afterEach(() => {
  delete process.env.GRADIENT_WORKBENCH_BLAS;
  if (addonFile === undefined) delete process.env.GRADIENT_WORKBENCH_BLAS_ADDON;
  else process.env.GRADIENT_WORKBENCH_BLAS_ADDON = addonFile;
  resetBlasForTests();
});

describe('the native tier in the wasm backend’s report', () => {
  it.skipIf(blasMissing !== null)('on: the detail names the BLAS and the parity test ran on it', async () => {
    const report = await selectBackend('wasm');
    expect(report.detail).toMatch(/^wasm \((?:no )?SIMD, 1 thread\) \+ OpenBLAS [\d.]+, \w+ kernels.*, 1 thread$/);
    expect(report.nativeTier).toMatchObject({ on: true, reason: null, next: null });
    expect(report.detail.endsWith(report.nativeTier!.detail!)).toBe(true);
    expect(report.parityMaxAbsDiff!).toBeLessThan(1e-3);
    // the report is stored and sent as it is: the schema keeps the field
    expect(backendSchema.parse(report)).toEqual(report);
  });

  it.skipIf(blasMissing !== null)('a wrong single-channel convolution fails the parity test too', async () => {
    if (!real.ok) return;
    resetBlasForTests({ ok: true, addon: brokenAddon('single-channel convolution'), info: real.info });
    const report = await selectBackend('wasm');
    expect(report.nativeTier?.on).toBe(false);
    expect(report.nativeTier?.reason).toMatch(/^parity self-test against cpu failed with its kernels/);
  });

  it.skipIf(blasMissing !== null)('failing parity: the tier goes off, wasm stays, the report says why', async () => {
    if (!real.ok) return;
    resetBlasForTests({ ok: true, addon: brokenAddon('filter gradient'), info: real.info });
    const report = await selectBackend('wasm');
    expect(report.name).toBe('wasm');
    expect(report.detail).toMatch(/^wasm \((?:no )?SIMD, 1 thread\)$/);
    expect(report.parityMaxAbsDiff!).toBeLessThan(1e-3);
    expect(report.nativeTier?.on).toBe(false);
    expect(report.nativeTier?.reason).toMatch(
      /^parity self-test against cpu failed with its kernels: max \|diff\| .* > 0\.001; wasm runs its own kernels instead$/,
    );
    // and the trainer in this thread keeps wasm's own kernels
    const x = tf.ones([1, 4, 4, 1]);
    const dw = tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy: x }, {
      strides: 1,
      pad: 'same',
      dataFormat: 'NHWC',
      filterShape: [1, 1, 1, 1],
    } as never) as tf.Tensor;
    expect(dw.dataSync()[0]).toBe(16);
    tf.dispose([x, dw]);
  });

  it('turned off by the environment: reason and next step, in the report and the diagnosis', async () => {
    process.env.GRADIENT_WORKBENCH_BLAS = 'off';
    resetBlasForTests();
    const off = { on: false, detail: null, reason: 'turned off (GRADIENT_WORKBENCH_BLAS=off)' };
    const report = await selectBackend('wasm');
    expect(report.nativeTier).toEqual({ ...off, next: nextStepFor({ kind: 'blas-off' }) });
    expect(report.detail).toMatch(/^wasm \((?:no )?SIMD, 1 thread\)$/);
    const wasm = (await diagnoseBackends()).find((d) => d.name === 'wasm');
    expect(wasm?.nativeTier).toEqual({ ...off, next: nextStepFor({ kind: 'blas-off' }) });
  });

  it.skipIf(blasMissing !== null)(
    'switched off in the thread: reported as such; other backends carry no tier',
    async () => {
      setBlasEnabled(false);
      expect((await selectBackend('wasm')).nativeTier).toMatchObject({
        on: false,
        reason: 'switched off in this thread',
      });
      expect((await selectBackend('cpu')).nativeTier).toBeUndefined();
    },
  );

  it('an addon file named by GRADIENT_WORKBENCH_BLAS_ADDON that does not load: reason and next step', () => {
    process.env.GRADIENT_WORKBENCH_BLAS_ADDON = '/nonexistent/gw_blas.node';
    resetBlasForTests();
    expect(blasTier()).toMatchObject({
      on: false,
      reason: expect.stringMatching(/^GRADIENT_WORKBENCH_BLAS_ADDON=\/nonexistent\/gw_blas\.node failed to load \(/),
      next: 'point GRADIENT_WORKBENCH_BLAS_ADDON at a built gw_blas.node, or unset it',
    });
  });

  it('a report stored before the tier existed still validates', () => {
    const old = { name: 'wasm', detail: 'wasm (SIMD, 1 thread)', skipped: [], parityMaxAbsDiff: 1e-7 };
    expect(backendSchema.parse(old)).toEqual(old);
  });
});
