/** `run --set path=value`: overrides applied before validation, the file itself validated first. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/index.ts';
import { useTempDirs } from '../store/temp-dirs.ts';
import { runInProcess } from './cli-harness.ts';

const tempDir = useTempDirs();

function fileWith(content: unknown): { file: string; db: string } {
  const dir = tempDir();
  const file = join(dir, 'in.json');
  writeFileSync(file, JSON.stringify(content));
  return { file, db: join(dir, 'o.db') };
}

const storedSpecs = (db: string) => {
  const store = openStore(db);
  const specs = store.listRuns({ sort: 'name', dir: 'asc' }).items.map((r) => store.getRun(r.id)!.spec);
  store.close();
  return specs;
};

describe('run --set', () => {
  it('sets dotted paths, values as JSON when they parse and as text otherwise', async () => {
    const { file, db } = fileWith({ name: 'o', epochs: 5, data: { kind: 'shapes' }, model: { depth: 3 } });
    const r = await runInProcess([
      'run',
      file,
      '--db',
      db,
      ...['--set', 'data.trainCount=128', '--set', 'model.activation=tanh', '--set', 'tags=["a","b"]'],
      ...['--epochs', '1', '--backend', 'cpu'],
    ]);
    expect(r.code).toBe(0);
    const [spec] = storedSpecs(db);
    expect(spec).toMatchObject({
      epochs: 1,
      backend: 'cpu',
      tags: ['a', 'b'],
      model: { depth: 3, activation: 'tanh' },
      data: { trainCount: 128 },
    });
  });

  it("sets an experiment's base; the sweep axes still vary", async () => {
    const { file, db } = fileWith({ name: 'e', base: { epochs: 4 }, sweep: { 'model.depth': [2, 3] } });
    const r = await runInProcess(['run', file, '--db', db, '--set', 'epochs=1', '--set', 'model.depth=9']);
    expect(r.code).toBe(0);
    expect(storedSpecs(db).map((s) => [s.epochs, s.model.depth])).toEqual([
      [1, 2],
      [1, 3],
    ]);
  });

  it('a bad value in the file is bad input even when an override replaces it', async () => {
    const { file, db } = fileWith({ epochs: -1 });
    const r = await runInProcess(['run', file, '--db', db, '--epochs', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid spec in .*in\.json:\n {2}epochs: /);
    // refused by the shared file loader before any service call
    expect(r.methods).toEqual([]);
  });

  it('a bad override is refused naming its path, and nothing is stored', async () => {
    const { file, db } = fileWith({ epochs: 2, data: { kind: 'shapes' } });
    const r = await runInProcess(['run', file, '--db', db, '--set', 'epochs=0', '--set', 'model.activation=swish']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid spec after the overrides/);
    expect(r.stderr).toMatch(/\n {2}epochs: /);
    expect(r.stderr).toMatch(/\n {2}model\.activation: /);
    const one = await runInProcess(['run', file, '--db', db, '--set', 'data.trainCount="many"']);
    expect(one).toMatchObject({ code: 2, stderr: expect.stringMatching(/overrides .*:\n {2}data\.trainCount: /) });
    expect(existsSync(db)).toBe(false);
  });
});
