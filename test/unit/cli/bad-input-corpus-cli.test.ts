/**
 * Every bad-input corpus case through the real command line, in-process: `run <case> --db <db>`
 * exits 2, standard error names the field, and the database is untouched — not created when
 * absent, byte-identical when it existed with runs.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/index.ts';
import { BACKEND, makeEpoch, makeSpec } from '../store/fixtures/records.ts';
import { useTempDirs } from '../store/temp-dirs.ts';
import { runInProcess } from './cli-harness.ts';
import { CASES_DIR, cases, type Expect } from '../../bad-input/cases.ts';

const tempDir = useTempDirs();

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A closed database holding runs and epochs: what every case must leave byte for byte. */
let existing: { db: string; hash: string };
let shared: string;
beforeAll(() => {
  shared = mkdtempSync(join(tmpdir(), 'gw-corpus-'));
  const db = join(shared, 'existing.db');
  const store = openStore(db);
  const id = store.createRun({ spec: makeSpec(), name: 'kept', tags: ['t'], notes: '' });
  store.markRunning(id, BACKEND);
  for (const e of [1, 2, 3]) store.appendEpoch(id, makeEpoch(e));
  store.finishRun(id, 'completed');
  store.createRun({ spec: makeSpec(), name: 'queued', tags: [], notes: '' });
  store.close();
  existing = { db, hash: digest(db) };
});
afterAll(() => rmSync(shared, { recursive: true, force: true }));

/** The case through the CLI; asserts exit 2 and the field (and message) named on standard error. */
async function refused(name: string, e: Expect, db: string): Promise<void> {
  const budget = e.maxMemory ? ['--max-memory', e.maxMemory] : [];
  const r = await runInProcess(['run', `${CASES_DIR}${name}.json`, '--db', db, ...budget]);
  expect(r.code, r.stderr).toBe(e.exit);
  expect(r.stderr).toMatch(/^error: /);
  if (e.field) expect(r.stderr).toContain(`${e.field}: `);
  if (e.message !== undefined) expect(r.stderr).toContain(e.message);
  expect(r.stderr).not.toContain('hunter2');
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(r.methods).not.toContain('runs.start');
}

describe('the bad-input corpus through `run`', () => {
  it('has at least 100 cases', () => expect(cases.length).toBeGreaterThanOrEqual(100));

  it.each(cases)('$name: exit 2, field named, no database created', async ({ name, expect: e }) => {
    const db = join(tempDir(), 'absent', 'w.db');
    await refused(name, e, db);
    expect(existsSync(db)).toBe(false);
  });

  it.each(cases)('$name: an existing database stays byte-identical', async ({ name, expect: e }) => {
    await refused(name, e, existing.db);
    expect(digest(existing.db)).toBe(existing.hash);
    expect(readdirSync(shared)).toEqual(['existing.db']);
  });
});
