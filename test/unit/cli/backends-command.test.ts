/**
 * `backends` prints the service's backend diagnosis: each backend's state, why and what to do, and
 * the native BLAS tier where a diagnosis carries it; it never creates a database to do so.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { Output } from '../../../src/api/contract.ts';
import { openCliService } from '../../../src/cli/database.ts';
import { backendLine } from '../../../src/cli/progress.ts';
import { runCli } from '../../../src/cli/program.ts';
import { useTempDirs } from '../store/temp-dirs.ts';
import { runInProcess } from './cli-harness.ts';

const tempDir = useTempDirs();
type Diagnose = Output<'backends.diagnose'>;

const OFF = {
  on: false,
  detail: null,
  reason: 'not built at install: not found: make',
  next: 'install a C compiler, then `npm rebuild gradient-workbench-blas`',
};
const ON = { on: true, detail: 'OpenBLAS 0.3.21, SkylakeX kernels, 1 thread', reason: null, next: null };
const report = (tier: object): Diagnose => ({
  diagnoses: [
    { name: 'tensorflow', available: false, reason: 'not installed', detail: null, nextStep: 'npm install x' },
    { name: 'wasm', available: true, reason: null, detail: 'wasm (SIMD, 1 thread)', nextStep: null, ...tier },
    { name: 'cpu', available: true, reason: null, detail: 'cpu', nextStep: null },
  ],
  lastUsed: null,
});

/** `backends` over a Service whose diagnosis is `answer` (the tier rides on the kernels' optional field) */
async function backendsWith(answer: Diagnose): Promise<string> {
  let text = '';
  const out = new Writable({ write: (c, _e, cb) => ((text += String(c)), cb()) });
  const code = await runCli(['backends', '--db', join(tempDir(), 'x.db')], {
    io: { out, err: out, tty: false },
    openService: (req) => {
      const service = openCliService(req);
      vi.spyOn(service, 'handle').mockImplementation(async () => ({ ok: true, value: answer }) as never);
      return service;
    },
  });
  expect(code).toBe(0);
  return text;
}

describe('backends', () => {
  it('lists the real backends in auto order, the first that loads used by auto, without creating a database', async () => {
    const db = join(tempDir(), 'none.db');
    const r = await runInProcess(['backends', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.methods).toEqual(['backends.diagnose']);
    expect(r.stdout).toMatch(/^wasm +loads, used by auto +wasm \(/m);
    expect(r.stdout).toMatch(/^tensorflow +unavailable +.+\n {2}next: .*`npm install @tensorflow\/tfjs-node@/m);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('last run: none yet');
    expect(existsSync(db)).toBe(false);
  }, 60_000);

  it('prints the native tier under the backend that carries it: off with its reason and next step, or on', async () => {
    const off = await backendsWith(report({ nativeTier: OFF }));
    expect(off).toContain(
      'wasm            loads, used by auto  wasm (SIMD, 1 thread)\n' +
        '  native BLAS tier: off (not built at install: not found: make)\n' +
        '    next: install a C compiler, then `npm rebuild gradient-workbench-blas`\n' +
        'cpu ',
    );
    const on = await backendsWith(report({ nativeTier: ON }));
    expect(on).toContain('  native BLAS tier: on (OpenBLAS 0.3.21, SkylakeX kernels, 1 thread)\ncpu ');
    expect(on).not.toContain('    next:');
    // a diagnosis from before the tier existed: no tier line at all
    expect(await backendsWith(report({}))).not.toContain('native BLAS tier');
  });

  it("a run's backend line says why the tier was off; on, the detail already names the BLAS", () => {
    const base = { name: 'wasm', detail: 'wasm (SIMD, 1 thread)', skipped: [], parityMaxAbsDiff: 1e-6 };
    expect(backendLine({ ...base, nativeTier: OFF } as never)).toBe(
      'backend wasm (SIMD, 1 thread) (parity vs cpu 1.0e-6)\n  native BLAS tier: off (not built at install: not found: make)',
    );
    expect(backendLine({ ...base, detail: 'wasm (SIMD, 1 thread) + OpenBLAS 0.3.21', nativeTier: ON } as never)).toBe(
      'backend wasm (SIMD, 1 thread) + OpenBLAS 0.3.21 (parity vs cpu 1.0e-6)',
    );
  });
});
