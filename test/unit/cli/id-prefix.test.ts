/** Any unique id prefix of 8+ characters works where an id does; `run` prints whole ids. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/index.ts';
import { makeSpec } from '../store/fixtures/records.ts';
import { useTempDirs } from '../store/temp-dirs.ts';
import { runInProcess } from './cli-harness.ts';

const tempDir = useTempDirs();
const A1 = 'aaaaaaaa-1111-4111-8111-000000000001';
const A2 = 'aaaaaaaa-1111-4111-8111-000000000002';
const B = 'bbbbbbbb-2222-4222-8222-000000000003';

/** Three runs with chosen ids: two share their first 27 characters. */
function seeded(): string {
  const db = join(tempDir(), 'ids.db');
  const store = openStore(db);
  for (const [i, id] of [A1, A2, B].entries()) {
    const made = store.createRun({ spec: makeSpec(), name: `run ${i}`, tags: [], notes: '' });
    store.finishRun(made, 'completed');
    store.db.prepare('UPDATE runs SET id = ? WHERE id = ?').run(id, made);
  }
  store.close();
  return db;
}

describe('id prefixes', () => {
  it('show, export and delete take a unique prefix of 8+ characters, in any case', async () => {
    const db = seeded();
    const show = await runInProcess(['show', 'BBBBBBBB', '--db', db]);
    expect(show).toMatchObject({ code: 0, stdout: expect.stringContaining(`[completed]  ${B}`) });
    const out = join(tempDir(), 'x.json');
    const exp = await runInProcess([
      'export',
      'aaaaaaaa-1111-4111-8111-0000000000',
      '--format',
      'json',
      '--out',
      out,
      '--db',
      db,
    ]);
    expect(exp.code).toBe(2);
    const one = await runInProcess([
      'export',
      'aaaaaaaa-1111-4111-8111-000000000002',
      'bbbbbbbb-2',
      '--format',
      'json',
      '--out',
      out,
      '--db',
      db,
    ]);
    expect(one.code).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { runs: Array<{ id: string }> }).runs.map((r) => r.id)).toEqual([
      A2,
      B,
    ]);
    const del = await runInProcess(['delete', 'bbbbbbbb', '--db', db]);
    expect(del).toMatchObject({ code: 0, stdout: 'deleted 1 run(s)\n' });
  });

  it('an ambiguous prefix names how many runs it matches; too short or unknown is bad input', async () => {
    const db = seeded();
    const amb = await runInProcess(['show', 'aaaaaaaa', '--db', db]);
    expect(amb.code).toBe(2);
    expect(amb.stderr).toBe(
      'error: run id aaaaaaaa: aaaaaaaa is ambiguous: 2 run ids start with it; give more characters\n',
    );
    const short = await runInProcess(['delete', 'bbbbbbb', '--db', db]);
    expect(short).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^error: run id bbbbbbb: give at least 8 characters\n$/),
    });
    const none = await runInProcess(['show', 'cccccccc', '--db', db]);
    expect(none).toMatchObject({ code: 2, stderr: 'error: run id cccccccc: no run id starts with cccccccc\n' });
    expect((await runInProcess(['list', '--db', db])).stdout).toContain(B);
  });

  it('run prints the whole run ids and the experiment id, and both work as prefixes afterwards', async () => {
    const dir = tempDir();
    const file = join(dir, 'sweep.json');
    const db = join(dir, 'r.db');
    writeFileSync(file, JSON.stringify({ name: 'pair', base: { epochs: 1 }, sweep: { 'model.depth': [2, 3] } }));
    const r = await runInProcess(['run', file, '--db', db]);
    expect(r.code).toBe(0);
    const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
    const started = [...r.stdout.matchAll(new RegExp(`^run (${uuid}) started on`, 'gm'))].map((m) => m[1]);
    expect(started).toHaveLength(2);
    expect(r.stdout).toMatch(new RegExp(`^run ${started[0]} epoch 1: `, 'm'));
    const experimentId = new RegExp(`^experiment (${uuid})$`, 'm').exec(r.stdout)?.[1];
    expect(experimentId).toBeDefined();
    const show = await runInProcess(['show', started[1].slice(0, 8), '--db', db]);
    expect(show.stdout).toContain(started[1]);
    const out = join(dir, 'e.json');
    const exp = await runInProcess([
      'export',
      '--experiment',
      experimentId!.slice(0, 10),
      '--format',
      'json',
      '--out',
      out,
      '--db',
      db,
    ]);
    expect(exp.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).runs).toHaveLength(2);
  });
});
