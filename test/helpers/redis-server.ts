/**
 * A private redis-server for one test file: on a free 127.0.0.1 port (never a fixed one, never
 * beyond loopback), in a temp dir, without persistence unless asked; `stop()` ends it and removes
 * the dir. Debian's redis-server 7.0 (.ci/run installs it); $REDIS_SERVER names another binary.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestRedis {
  port: number;
  url: string;
  /** kill -9 the server (an outage); `start()` brings it back on the same port */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function launch(port: number, dir: string, extra: string[]): Promise<ChildProcess> {
  const bin = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'];
  const child = spawn(bin, [...args, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on ${port}: ${out}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}) on port ${port}: ${out}`));
    });
  });
}

const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null ? r() : c.once('exit', () => r())));

/** `extra`: more redis-server arguments, e.g. ['--requirepass', 'x'] */
export async function startRedis(extra: string[] = []): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'gw-redis-'));
  let child: ChildProcess | null = null;
  let port = 0;
  // a port found free can be taken before redis binds it: try another
  for (let i = 0; !child; i++) {
    port = await freePort();
    try {
      child = await launch(port, dir, extra);
    } catch (err) {
      if (i >= 4) throw err;
    }
  }
  const r: TestRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      child!.kill('SIGKILL');
      await exited(child!);
    },
    async start() {
      child = await launch(port, dir, extra);
    },
    async stop() {
      child!.kill('SIGTERM');
      await exited(child!);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return r;
}
