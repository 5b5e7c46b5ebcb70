/**
 * Clean shutdown with the native tier: OpenBLAS's server threads are native pthreads, so a process
 * that set more than one BLAS thread and ran a threaded product in a trainer thread must still end
 * on its own, promptly, when its work is done (as `gradient-workbench run` and the tests do).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadBlas } from '../../../src/train/backend/blas.ts';

// a trainer-like worker: loads the addon, runs products on the threads the main thread set, ends
const CHILD = `
const { Worker } = require('node:worker_threads');
const addon = require('node:module').createRequire(process.cwd() + '/')('gradient-workbench-blas');
addon.setThreads(2);
const w = new Worker(\`
  const addon = require('module').createRequire(process.cwd() + '/')('gradient-workbench-blas');
  const n = 512, a = new Float32Array(n * n).fill(1), c = new Float32Array(n * n);
  for (let i = 0; i < 10; i++) addon.sgemm(false, false, n, n, n, a, a, c);
  require('worker_threads').parentPort.postMessage({ threads: addon.info().threads, c: c[0] });
\`, { eval: true });
w.on('message', (m) => console.log(JSON.stringify(m)));
`;

describe.skipIf(!loadBlas().ok)('a process using the native tier with 2 BLAS threads', () => {
  it('ends on its own, promptly, after its trainer thread ran threaded products', () => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['-e', CHILD], { encoding: 'utf8', timeout: 30_000 });
    const seconds = (performance.now() - t0) / 1000;
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ threads: 2, c: 512 });
    // a hang would hit the 30 s timeout; start-up and the products take well under a second
    expect(seconds).toBeLessThan(10);
  });
});
