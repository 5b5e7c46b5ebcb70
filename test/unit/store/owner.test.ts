import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { currentOwner, ownerAlive, parseOwner } from '../../../src/store/owner.ts';
import { openStore } from '../../../src/store/run-store.ts';
import { makeSpec } from './fixtures/records.ts';
import { useTempDirs } from './temp-dirs.ts';

const tempDir = useTempDirs();

const linux = existsSync('/proc/self/stat');
const python = spawnSync('python3', ['--version']).status === 0;
const children: Array<{ kill: (s?: NodeJS.Signals) => boolean }> = [];
afterEach(() => children.splice(0).forEach((c) => c.kill('SIGKILL')));

/** A child that stays alive until the test ends; resolves its pid. */
function sleeper(): Promise<number> {
  const c = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(c);
  return new Promise((resolve) => c.on('spawn', () => resolve(c.pid!)));
}

describe('run ownership', () => {
  it('parses both owner forms', () => {
    expect(parseOwner('box:123')).toEqual({ host: 'box', pid: 123, start: undefined });
    expect(parseOwner('box:123:98765')).toEqual({ host: 'box', pid: 123, start: '98765' });
    expect(parseOwner('nonsense')).toBeNull();
  });

  it('a live process on this host owns its runs; another host, a dead pid or this process does not', async () => {
    const pid = await sleeper();
    expect(ownerAlive(`${hostname()}:${pid}`)).toBe(true);
    expect(ownerAlive(`not-${hostname()}:${pid}`)).toBe(false);
    expect(ownerAlive(currentOwner())).toBe(false);
    expect(ownerAlive(null)).toBe(false);
    children.splice(0).forEach((c) => c.kill('SIGKILL'));
    await new Promise((r) => setTimeout(r, 200));
    expect(ownerAlive(`${hostname()}:${pid}`)).toBe(false);
  });

  it.skipIf(!linux)('records the start time, and a recycled pid (same pid, other start) is not the owner', async () => {
    expect(currentOwner()).toMatch(new RegExp(`^${hostname()}:${process.pid}:\\d+$`));
    const pid = await sleeper();
    const live = `${hostname()}:${pid}`;
    const real = (await import('node:fs')).readFileSync(`/proc/${pid}/stat`, 'utf8');
    const start = real.slice(real.lastIndexOf(')') + 2).split(' ')[19];
    expect(ownerAlive(`${live}:${start}`)).toBe(true);
    expect(ownerAlive(`${live}:${Number(start) + 1}`)).toBe(false);
  });

  it.skipIf(!linux || !python)('a killed process that nobody reaped (a zombie) owns nothing', async () => {
    // python forks a child, kills it and never waits for it: the child stays a zombie while python sleeps
    const script =
      'import os,time,sys\npid=os.fork()\nif pid==0:\n  time.sleep(60)\nelse:\n  os.kill(pid,9); print(pid); sys.stdout.flush(); time.sleep(60)';
    const parent = spawn('python3', ['-c', script], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(parent);
    const pid = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (d) => resolve(String(d)))));
    await new Promise((r) => setTimeout(r, 100));
    expect(() => process.kill(pid, 0)).not.toThrow(); // kill(pid, 0) alone would say "alive"
    expect(ownerAlive(`${hostname()}:${pid}`)).toBe(false);
  });

  it('refuses to delete a run another live process has queued (it would crash that process), not once it is gone', async () => {
    const store = openStore(join(tempDir(), 'owned.db'));
    try {
      const id = store.createRun({ spec: makeSpec(), name: 'queued elsewhere', tags: [], notes: '' });
      const pid = await sleeper();
      store.db.prepare('UPDATE runs SET owner = ? WHERE id = ?').run(`${hostname()}:${pid}`, id);
      expect(() => store.deleteRuns([id])).toThrow(/queued by another process/);
      expect(store.getRun(id)!.status).toBe('queued');
      children.splice(0).forEach((c) => c.kill('SIGKILL'));
      await new Promise((r) => setTimeout(r, 200));
      expect(store.deleteRuns([id])).toBe(1);
      // this process's own queued runs stay deletable (the service cancels them first)
      const own = store.createRun({ spec: makeSpec(), name: 'mine', tags: [], notes: '' });
      expect(store.deleteRuns([own])).toBe(1);
    } finally {
      store.close();
    }
  });
});
