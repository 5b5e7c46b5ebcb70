/**
 * Two processes (two CLI sweeps, say) and this one (the app, renaming and listing) write one
 * database at once. Before write transactions started IMMEDIATE, a deferred read-then-write
 * transaction met a stale WAL snapshot and failed at once with `database is locked`: runs failed
 * and epochs were lost. Now each writer waits its turn within the busy timeout.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/run-store.ts';
import { useTempDirs } from './temp-dirs.ts';

const tempDir = useTempDirs();
const WRITER = fileURLToPath(new URL('./fixtures/stress-writer.ts', import.meta.url));
const TRIALS = 5;
const RUNS = 2;
const EPOCHS = 40;

function writer(path: string): Promise<{ code: number | null; ids: string[]; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, String(RUNS), String(EPOCHS)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code) =>
      resolve({
        code,
        ids: stdout
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => (JSON.parse(l) as { id: string }).id),
        stderr,
      }),
    ),
  );
}

describe('concurrent writers on one database', () => {
  it(`${TRIALS} trials × 2 writer processes × ${RUNS} runs × ${EPOCHS} epochs, with this process writing too: no failed run, no lost epoch, no hole`, async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const path = join(tempDir(), `stress-${trial}.db`);
      const app = openStore(path); // the app: its own connection, writing while the writers write
      try {
        const a = writer(path);
        const b = writer(path);
        let renames = 0;
        let done = false;
        const both = Promise.all([a, b]).finally(() => (done = true));
        while (!done) {
          for (const run of app.listRuns({ limit: 50 }).items) {
            app.updateRun(run.id, { notes: `seen ${renames}` });
            renames++;
          }
          await new Promise((r) => setTimeout(r, 5));
        }
        const results = await both;
        for (const r of results) expect(r.stderr, `trial ${trial}`).toBe('');
        for (const r of results) expect(r.code).toBe(0);
        const ids = results.flatMap((r) => r.ids);
        expect(ids).toHaveLength(2 * RUNS);
        for (const id of ids) {
          expect(app.getRun(id)!.status).toBe('completed');
          expect(app.getEpochs(id).map((e) => e.epoch)).toEqual(Array.from({ length: EPOCHS }, (_, i) => i + 1));
        }
        expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        app.close();
      }
    }
  });
});
