/**
 * bench --sweep: the λ-sweep example (examples/lambda-sweep.json, 5 seed-CNN runs) end to end
 * through the CLI at its default parallelism, into a throw-away database: what a user waits for,
 * and each run's own seconds as that database recorded them (a sweep's last run trains alone, with
 * every BLAS thread: its backend detail says what it started with).
 */
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
  runs: SweepRun[];
  stderrTail?: string;
}

export interface SweepRun {
  name: string;
  status: string;
  /** started → finished, as stored; null when it never started or finished */
  seconds: number | null;
  /** when it started, seconds after the first run started */
  startedAfter: number | null;
  backend: string | null;
}

interface RunRow {
  name: string;
  status: string;
  started_at: number | null;
  finished_at: number | null;
  backend_json: string | null;
}

/** Each run of the sweep's database, in the order they started. */
export function sweepRuns(dbPath: string): SweepRun[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare('SELECT name, status, started_at, finished_at, backend_json FROM runs ORDER BY started_at, created_at')
      .all() as RunRow[];
    const first = Math.min(...rows.map((r) => r.started_at ?? Infinity));
    const secs = (ms: number) => +(ms / 1000).toFixed(2);
    return rows.map((r) => ({
      name: r.name,
      status: r.status,
      seconds: r.started_at !== null && r.finished_at !== null ? secs(r.finished_at - r.started_at) : null,
      startedAfter: r.started_at !== null ? secs(r.started_at - first) : null,
      backend: r.backend_json ? ((JSON.parse(r.backend_json) as { detail?: string }).detail ?? null) : null,
    }));
  } finally {
    db.close();
  }
}

/** `extraArgs` go to `gradient-workbench run` (e.g. ['--epochs', '2'] for a shorter check). */
export function timeSweep(extraArgs: string[] = []): SweepResult {
  const dir = mkdtempSync(join(tmpdir(), 'gw-bench-sweep-'));
  try {
    const loadBefore = loadavg()[0];
    const t0 = performance.now();
    const dbPath = join(dir, 'bench.db');
    const r = spawnSync(process.execPath, [CLI, 'run', EXAMPLE, '--db', dbPath, ...extraArgs], {
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
      runs: existsSync(dbPath) ? sweepRuns(dbPath) : [],
      ...(r.status === 0 ? {} : { stderrTail: (r.stderr ?? String(r.error)).slice(-2000) }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
