/** The BLAS-threads rule and its bookkeeping, with the setter injected (no addon needed). */
import { describe, expect, it } from 'vitest';
import { BlasThreadPolicy, blasThreadsFor, withBlasThreads } from '../../../src/train/backend/blas-threads.ts';
import type { BackendReport } from '../../../src/domain/backend.ts';

function policy(cores = 4) {
  const applied: number[] = [];
  return { applied, p: new BlasThreadPolicy({ cores, apply: (n) => applied.push(n) }) };
}

describe('blasThreadsFor', () => {
  it('gives every core to a run alone and one thread each otherwise', () => {
    expect([0, 1, 2, 3].map((n) => blasThreadsFor(n, 8))).toEqual([1, 8, 1, 1]);
    expect(blasThreadsFor(1, 1)).toBe(1);
  });
});

describe('BlasThreadPolicy', () => {
  it('one run: every core; a second: 1; the second ends: every core again; none: 1', () => {
    const { p, applied } = policy();
    const a = p.begin();
    expect(p.threads).toBe(4);
    const b = p.begin();
    expect(p.threads).toBe(1);
    b();
    expect(p.threads).toBe(4);
    a();
    expect([p.threads, p.trainers]).toEqual([1, 0]);
    expect(applied).toEqual([4, 1, 4, 1]);
  });

  it('a release called twice frees one share only', () => {
    const { p } = policy();
    const a = p.begin();
    p.begin();
    a();
    a();
    expect([p.trainers, p.threads]).toEqual([1, 4]);
  });

  it('applies once per batch, with the count at its end, and only on a change', () => {
    const { p, applied } = policy();
    const a = p.batch(() => [p.begin(), p.begin()])[0];
    expect(applied).toEqual([1]);
    // one ends and a queued run takes its place: still two, nothing to apply
    p.batch(() => (a(), p.begin()));
    expect(applied).toEqual([1]);
  });

  it('applies nothing until a trainer starts, and refuses a bad core count', () => {
    expect(policy().applied).toEqual([]);
    expect(() => new BlasThreadPolicy({ cores: 0 })).toThrow(/cores: must be an integer ≥ 1 \(got 0\)/);
  });
});

describe('withBlasThreads', () => {
  const wasm: BackendReport = { name: 'wasm', detail: 'wasm (SIMD, 1 thread)', skipped: [], parityMaxAbsDiff: 0 };

  it('says how many BLAS threads a wasm run starts with, and that they follow the runs training', () => {
    expect(withBlasThreads(wasm, 2).detail).toBe(
      'wasm (SIMD, 1 thread); BLAS: 2 threads at start, following the runs training (all cores when one trains alone)',
    );
    expect(withBlasThreads(wasm, 1).detail).toMatch(/BLAS: 1 thread at start/);
    const tier = { ...wasm, detail: 'wasm (SIMD, 1 thread) + OpenBLAS 0.3.21, SkylakeX kernels, 1 thread' };
    expect(withBlasThreads(tier, 2).detail).toBe(
      'wasm (SIMD, 1 thread) + OpenBLAS 0.3.21, SkylakeX kernels; BLAS: 2 threads at start, following the runs training (all cores when one trains alone)',
    );
  });

  it('leaves the report alone without the tier (or with a library that picks its own threads), or on another backend', () => {
    expect(withBlasThreads(wasm, null)).toBe(wasm);
    expect(withBlasThreads(wasm, 0)).toBe(wasm);
    const cpu = { ...wasm, name: 'cpu', detail: 'cpu (plain JavaScript, 1 thread)' };
    expect(withBlasThreads(cpu, 2)).toBe(cpu);
  });
});
