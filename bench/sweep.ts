/**
 * bench --sweep: the λ-sweep example (examples/lambda-sweep.json, 5 seed-CNN runs) end to end
 * through the CLI at its default parallelism, into a throw-away database: what a user waits for.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../bin/gradient-workbench.js', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../examples/lambda-sweep.json', import.meta.url));

export interface SweepResult {
  example: string;
  exitCode: number | null;
  wallSeconds: number;
  /** runs trained at once: the CLI's default, one per core */
  parallel: number;
  /** 1-minute load average before and after, to judge how quiet the machine was */
  loadBefore: number;
  loadAfter: number;
  stderrTail?: string;
}

/** `extraArgs` go to `gradient-workbench run` (e.g. ['--epochs', '2'] for a shorter check). */
export function timeSweep(extraArgs: string[] = []): SweepResult {
  const dir = mkdtempSync(join(tmpdir(), 'gw-bench-sweep-'));
  try {
    const loadBefore = loadavg()[0];
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'run', EXAMPLE, '--db', join(dir, 'bench.db'), ...extraArgs], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const wallSeconds = +((performance.now() - t0) / 1000).toFixed(2);
    return {
      example: 'examples/lambda-sweep.json',
      exitCode: r.status,
      wallSeconds,
      parallel: availableParallelism(),
      loadBefore: +loadBefore.toFixed(2),
      loadAfter: +loadavg()[0].toFixed(2),
      ...(r.status === 0 ? {} : { stderrTail: (r.stderr ?? String(r.error)).slice(-2000) }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
