/**
 * Read commands never create a database, and a database that cannot be opened is one line with its
 * fix — no stack trace — exit 2 when it is missing, 1 otherwise.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../store/temp-dirs.ts';
import { runInProcess } from './cli-harness.ts';

const tempDir = useTempDirs();

const READS = [
  ['list'],
  ['show', '0123456789abcdef'],
  ['export', '0123456789abcdef'],
  ['export', '--experiment', '0123456789abcdef'],
  ['delete', '0123456789abcdef'],
];

/** One line on standard error, no stack frames. */
function oneLine(stderr: string): string {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  return stderr;
}

describe('database errors through the CLI', () => {
  it.each(READS)('%s … on a missing path: exit 2, nothing created', async (...args) => {
    const db = join(tempDir(), 'typo', 'runs.db');
    const r = await runInProcess([...args, '--db', db]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^error: There is no database at .*runs\.db; nothing was created\. Fix: /);
    expect(existsSync(db)).toBe(false);
    expect(existsSync(join(db, '..'))).toBe(false);
  });

  it.each(READS)('%s … on a file that is not a database: exit 1, the file untouched', async (...args) => {
    const db = join(tempDir(), 'notes.db');
    const text = 'these are my notes, not a database\n'.repeat(200);
    writeFileSync(db, text);
    const r = await runInProcess([...args, '--db', db]);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toMatch(
      /^error: .*notes\.db is not a Gradient Workbench database, or it is damaged .* Fix: /,
    );
    expect(readFileSync(db, 'utf8')).toBe(text);
  });

  it('run with a database whose folder path is a file: exit 1, one line with the fix', async () => {
    const dir = tempDir();
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ epochs: 1 }));
    writeFileSync(join(dir, 'blocker'), 'a file, not a folder');
    const r = await runInProcess(['run', spec, '--db', join(dir, 'blocker', 'runs.db')]);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toMatch(/^error: cannot run .*spec\.json: Cannot open .*blocker\/runs\.db .* Fix: /);
  });

  it('delete with a database whose folder path is a file: exit 2 (there is no database), one line', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'blocker'), 'a file, not a folder');
    const r = await runInProcess(['delete', '0123456789abcdef', '--db', join(dir, 'blocker', 'runs.db')]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^error: There is no database at /);
  });
});
