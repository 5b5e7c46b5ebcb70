import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseError, openStore } from '../../../src/store/index.ts';
import { databaseError, problemOf } from '../../../src/store/open-errors.ts';
import { useTempDirs } from './temp-dirs.ts';

const tempDir = useTempDirs();

function openError(path: string, opts = {}): DatabaseError {
  try {
    openStore(path, opts).close();
  } catch (err) {
    expect(err).toBeInstanceOf(DatabaseError);
    return err as DatabaseError;
  }
  throw new Error('expected the open to fail');
}

describe('a database that cannot be opened says why in one line, with the fix', () => {
  it('a file that is not a database', () => {
    const path = join(tempDir(), 'notes.db');
    writeFileSync(path, 'SECRET text that is not SQLite at all, long enough to be read as a header '.repeat(20));
    const e = openError(path);
    expect(e.problem).toBe('corrupt');
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/Fix: /);
    expect(e.message).not.toContain('\n');
    expect(e.message).not.toContain('SECRET'); // never echoes the file's content
  });

  it('read commands never create a database', () => {
    const path = join(tempDir(), 'typo.db');
    const e = openError(path, { mustExist: true });
    expect(e.problem).toBe('missing');
    expect(e.message).toMatch(/nothing was created/);
    expect(existsSync(path)).toBe(false);
  });

  it('a path under a file (not a folder) cannot be opened', () => {
    const file = join(tempDir(), 'plain');
    writeFileSync(file, 'x');
    expect(['cannot_open', 'read_only']).toContain(openError(join(file, 'w.db')).problem);
  });

  it('maps SQLite and file-system codes for read-only and full disks', () => {
    const err = (code: string) => Object.assign(new Error(`boom ${code}`), { code });
    expect(problemOf(err('SQLITE_READONLY'))).toBe('read_only');
    expect(problemOf(err('EROFS'))).toBe('read_only');
    expect(problemOf(err('SQLITE_FULL'))).toBe('disk_full');
    expect(problemOf(err('ENOSPC'))).toBe('disk_full');
    expect(problemOf(err('SQLITE_CONSTRAINT'))).toBeNull();
    const full = databaseError(err('SQLITE_FULL'), '/x/w.db') as DatabaseError;
    expect(full.message).toMatch(/disk holding \/x\/w.db is full.*Fix: free some space/);
    const other = err('SQLITE_CONSTRAINT');
    expect(databaseError(other, '/x')).toBe(other);
  });
});
