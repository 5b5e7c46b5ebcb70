/**
 * Crash safety: a child process appends epochs in a tight loop and is SIGKILLed mid-stream.
 * On reopen the run is `interrupted` and every epoch that landed is complete.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/run-store.ts';
import { CRASH_EPOCH_OPTIONS, makeEpoch } from './fixtures/records.ts';
import { useTempDirs } from './temp-dirs.ts';

const tempDir = useTempDirs();
const WRITER = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll the database (read-only connection) until `epochs` rows ≥ n; ms budget. */
async function waitForEpochs(path: string, n: number, budgetMs: number): Promise<number> {
  const deadline = Date.now() + budgetMs;
  while (Date.now() < deadline) {
    if (existsSync(path)) {
      const db = new Database(path, { readonly: true });
      try {
        const count = db.prepare('SELECT count(*) FROM epochs').pluck().get() as number;
        if (count >= n) return count;
      } catch {
        // schema not created yet
      } finally {
        db.close();
      }
    }
    await sleep(25);
  }
  throw new Error(`fewer than ${n} epochs after ${budgetMs} ms`);
}

describe('crash safety', () => {
  it('a writer killed with SIGKILL leaves an interrupted run whose stored epochs are all whole', async () => {
    const path = join(tempDir(), 'crash.db');
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    try {
      await waitForEpochs(path, 3, 60_000);
      // let it keep writing a little so the kill is likely to land inside a transaction
      await sleep(50);
    } catch (err) {
      throw new Error(`${(err as Error).message}\nchild stderr:\n${stderr}`);
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    const runId = stdout.trim().split('\n')[0];

    const store = openStore(path);
    try {
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(store.interruptedOnOpen).toBe(1);
      const run = store.getRun(runId)!;
      expect(run.status).toBe('interrupted');
      const epochs = store.getEpochs(runId);
      const n = epochs.length;
      expect(n).toBeGreaterThanOrEqual(3);
      expect(run.epochsDone).toBe(n);
      // epochs 1..n, each exactly as written: all its layer rows, metrics and task statistics
      expect(epochs).toEqual(Array.from({ length: n }, (_, i) => makeEpoch(i + 1, CRASH_EPOCH_OPTIONS)));
      const layerRows = store.db.prepare('SELECT count(*) FROM layer_stats WHERE run_id = ?').pluck().get(runId);
      expect(layerRows).toBe(n * CRASH_EPOCH_OPTIONS.layers);
    } finally {
      store.close();
    }
  });
});
