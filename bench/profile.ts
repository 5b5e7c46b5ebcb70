/**
 * The per-kernel breakdown of one training step (bench --profile): tf.profile around a step after
 * warm-up, grouped by kernel name. Kernels our wrappers call directly (wasm-ops.ts) count inside
 * the wrapper's kernel. Times are wall clock per kernel; the rest of the step (JS between
 * kernels, engine bookkeeping) is reported as `overheadMs`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../src/data/types.ts';
import type { Spec } from '../src/experiment/spec.ts';
import { disposeBatch, makeBatch } from '../src/train/batches.ts';
import { trainStep } from '../src/train/step.ts';
import { createState, disposeState } from '../src/train/trainer.ts';

export interface KernelShare {
  kernel: string;
  calls: number;
  ms: number;
  /** share of the step's wall time */
  share: number;
}

export interface StepProfile {
  stepMs: number;
  kernelCalls: number;
  overheadMs: number;
  kernels: KernelShare[];
}

/** Profiles the median of `reps` profiled steps (by step time) after `warmup` plain steps. */
export async function profileStep(spec: Spec, ds: Dataset, warmup = 3, reps = 3): Promise<StepProfile> {
  const st = createState(spec, ds);
  const idx = Int32Array.from({ length: spec.batchSize }, (_, i) => i);
  const step = () => {
    const b = makeBatch(ds, ds.train, idx);
    trainStep(st, b.x, b.t, false);
    disposeBatch(b);
  };
  for (let i = 0; i < warmup; i++) step();
  const runs: StepProfile[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const info = await tf.profile(step);
    const stepMs = performance.now() - t0;
    const byName = new Map<string, { calls: number; ms: number }>();
    for (const k of info.kernels) {
      const ms = await k.kernelTimeMs;
      const e = byName.get(k.name) ?? { calls: 0, ms: 0 };
      e.calls++;
      e.ms += typeof ms === 'number' ? ms : 0;
      byName.set(k.name, e);
    }
    const kernels = [...byName].map(([kernel, e]) => ({
      kernel,
      calls: e.calls,
      ms: +e.ms.toFixed(2),
      share: +(e.ms / stepMs).toFixed(3),
    }));
    kernels.sort((a, b) => b.ms - a.ms);
    const kernelMs = kernels.reduce((s, k) => s + k.ms, 0);
    runs.push({
      stepMs: +stepMs.toFixed(2),
      kernelCalls: info.kernels.length,
      overheadMs: +(stepMs - kernelMs).toFixed(2),
      kernels,
    });
  }
  disposeState(st);
  return runs.sort((a, b) => a.stepMs - b.stepMs)[Math.floor(runs.length / 2)];
}
