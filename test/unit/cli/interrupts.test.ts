/** Ctrl-C during `run`: one keypress counts once however often it arrives; the closing line says how runs ended. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { closingLine, interruptHandler } from '../../../src/cli/interrupts.ts';
import { manualJobs } from '../api/fake-jobs.ts';
import { useTempDirs } from '../store/temp-dirs.ts';
import { runInProcess } from './cli-harness.ts';

const tempDir = useTempDirs();

describe('interruptHandler', () => {
  it('counts repeats within the window as the first keypress; a later one quits, once', () => {
    let t = 0;
    const onFirst = vi.fn();
    const onSecond = vi.fn();
    const h = interruptHandler({ onFirst, onSecond, windowMs: 1000, now: () => t });
    expect(h.interrupted()).toBe(false);
    h.handle();
    t = 5;
    h.handle(); // npm forwarding the same SIGINT the process group already got
    expect([onFirst.mock.calls.length, onSecond.mock.calls.length]).toEqual([1, 0]);
    expect(h.interrupted()).toBe(true);
    t = 1500;
    h.handle();
    h.handle();
    expect([onFirst.mock.calls.length, onSecond.mock.calls.length]).toEqual([1, 1]);
  });

  it('the closing line counts each end, and runs with none as unfinished', () => {
    const finished = new Map([
      ['a', { runId: 'a', status: 'completed' as const, epochs: 3, message: null }],
      ['b', { runId: 'b', status: 'cancelled' as const, epochs: 1, message: null }],
    ]);
    expect(closingLine(['a', 'b', 'c'], finished)).toBe(
      'interrupted: 3 run(s): 1 completed, 1 cancelled, 1 unfinished',
    );
  });
});

describe('run, interrupted', () => {
  it('a doubled SIGINT cancels once, prints the closing line and exits 130 without quitting early', async () => {
    const dir = tempDir();
    const file = join(dir, 'sweep.json');
    writeFileSync(file, JSON.stringify({ name: 's', base: { epochs: 50 }, sweep: { seed: [1, 2, 3] } }));
    const fake = manualJobs();
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    const before = process.listeners('SIGINT').length;
    const running = runInProcess(['run', file, '--db', join(dir, 'r.db'), '--parallel', '1'], {
      startJob: (o) => {
        const job = fake.factory(o);
        setImmediate(() => (job.start(), job.epoch()));
        return job;
      },
    });
    while (fake.started.length < 1 || process.listeners('SIGINT').length === before)
      await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    const onSigint = process.listeners('SIGINT').at(-1) as () => void;
    onSigint();
    onSigint();
    const r = await running;
    exit.mockRestore();
    expect(exit).not.toHaveBeenCalled();
    expect(r.code).toBe(130);
    expect(r.stdout.match(/cancelling…/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/\ninterrupted: 3 run\(s\): 3 cancelled\n$/);
    expect(process.listeners('SIGINT')).toHaveLength(before);
  }, 15_000);
});
