/**
 * What the remote-worker tests share: a private Redis, worker processes of the real CLI, tiny
 * sweeps, and read-only looks at the database and the result stream while things run.
 */
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { parseEntry, type ResultEntry } from '../../../src/remote/messages.ts';
import { remoteNames } from '../../../src/remote/names.ts';
import { type CliResult, startCli, tempDir } from '../../helpers/cli.ts';
import { startRedis, type TestRedis } from '../../helpers/redis-server.ts';

export interface WorkerProc {
  name: string;
  child: ChildProcess;
  done: Promise<CliResult>;
}

export interface Harness {
  redis: TestRedis;
  dir: string;
  startWorker(name: string, extra?: string[]): Promise<WorkerProc>;
  /** SIGTERM every worker still running, stop Redis, remove the temp dir */
  close(): Promise<void>;
}

/** `redisArgs`: more redis-server arguments (persistence for an outage test) */
export async function remoteHarness(redisArgs: string[] = []): Promise<Harness> {
  const redis = await startRedis(redisArgs);
  const tmp = tempDir();
  const workers: WorkerProc[] = [];
  return {
    redis,
    dir: tmp.dir,
    async startWorker(name, extra = []) {
      const { child, done } = startCli(['worker', '--redis', redis.url, '--name', name, ...extra]);
      const w = { name, child, done };
      workers.push(w);
      // the first log line comes once it is connected and listening
      let seen = '';
      await new Promise<void>((resolve, reject) => {
        child.stderr!.on('data', (d) => {
          seen += d;
          if (seen.includes(`worker ${name} on`)) resolve();
        });
        void done.then((r) => reject(new Error(`worker ${name} exited (${r.code}): ${r.stderr}`)));
      });
      return w;
    },
    async close() {
      for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.done));
      await redis.stop();
      tmp.cleanup();
    },
  };
}

/** Poll until `check` holds (or throw naming `what`): nothing here is timed, only waited for. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 240_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A read-only look at the database (null while it does not exist yet). */
export function peek<T>(db: string, read: (conn: Database.Database) => T): T | null {
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return read(conn);
    } finally {
      conn.close();
    }
  } catch {
    return null;
  }
}

export interface RunRow {
  id: string;
  status: string;
  machine: string | null;
  attempts: number;
  epochs_done: number;
  error: string | null;
}

export const runRows = (db: string) =>
  peek(
    db,
    (c) =>
      c
        .prepare('SELECT id, status, machine, attempts, epochs_done, error FROM runs ORDER BY created_at')
        .all() as RunRow[],
  ) ?? [];

/** Each run's stored epoch numbers, in order. */
export const epochNumbers = (db: string, runId: string) =>
  (peek(db, (c) => c.prepare('SELECT epoch FROM epochs WHERE run_id = ? ORDER BY epoch').all(runId)) ?? []).map(
    (r) => (r as { epoch: number }).epoch,
  );

/** Every entry the workers wrote to this database's result stream, oldest first. */
export async function streamEntries(url: string, db: string): Promise<ResultEntry[]> {
  const id = peek(
    db,
    (c) => (c.prepare("SELECT value FROM workbench_meta WHERE key = 'database_id'").get() as { value: string }).value,
  );
  const redis = new Redis(url);
  try {
    const raw = await redis.xrange(remoteNames(id!).results, '-', '+');
    return raw.map(([, fields]) => parseEntry(fields));
  } finally {
    redis.disconnect();
  }
}

/** A sweep of `runs` tiny runs (seeds 1..runs) written to `dir`; returns its path. */
export function tinySweep(dir: string, name: string, o: { runs: number; epochs: number; trainCount?: number }): string {
  const path = join(dir, `${name}.json`);
  const base = {
    epochs: o.epochs,
    data: { kind: 'shapes', imageSize: 8, trainCount: o.trainCount ?? 64, valCount: 16 },
    model: { depth: 2, width: 8 },
    tasks: [{ kind: 'cls' }],
  };
  writeFileSync(path, JSON.stringify({ name, base, sweep: { seed: Array.from({ length: o.runs }, (_, i) => i + 1) } }));
  return path;
}
