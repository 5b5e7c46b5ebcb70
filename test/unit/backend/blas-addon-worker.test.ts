/**
 * The addon in a worker thread (where trainers run): a worker that ran a convolution on it must
 * exit cleanly. Node unloads a worker's addons when it ends; patch memory freed by a thread-exit
 * destructor inside the addon then jumped into unmapped code and killed the process (SIGSEGV).
 * Run in a child process, so that a crash fails this test instead of the test runner.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BLAS_PACKAGE } from '../../../src/train/backend/blas.ts';
import { blasMissing } from './blas-tier.ts';

const addonPath = process.env.GRADIENT_WORKBENCH_BLAS_ADDON || createRequire(import.meta.url).resolve(BLAS_PACKAGE);

const script = `
const { Worker } = require('node:worker_threads');
const body = \`
  const a = require(${JSON.stringify(addonPath)});
  const g = Int32Array.from([2, 8, 8, 3, 8, 8, 4, 3, 3, 1, 1, 1, 1, 1, 1]);
  a.conv2d(g, new Float32Array(384), new Float32Array(108), new Float32Array(512));
  a.conv2dBackpropInput(g, new Float32Array(512), new Float32Array(108), new Float32Array(384));
\`;
let exits = 0;
for (let i = 0; i < 2; i++)
  new Worker(body, { eval: true }).on('exit', (code) => {
    if (code !== 0) process.exit(3);
    if (++exits === 2) console.log('workers exited');
  });
`;

describe.skipIf(blasMissing !== null)('the addon in worker threads', () => {
  it('survives workers that ran convolutions on it ending', () => {
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({
      status: 0,
      signal: null,
      stderr: '',
    });
    expect(run.stdout.trim()).toBe('workers exited');
  });
});
