/** `run` checks the file with the shared loader, its overrides and the budget before any database exists. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/index.ts';
import { useTempDirs } from '../store/temp-dirs.ts';
import { runInProcess } from './cli-harness.ts';

const tempDir = useTempDirs();

function fileWith(text: string): { file: string; db: string } {
  const dir = tempDir();
  const file = join(dir, 'in.json');
  writeFileSync(file, text);
  return { file, db: join(dir, 'o.db') };
}

const onlySpec = (db: string) => {
  const store = openStore(db);
  const [item] = store.listRuns({}).items;
  const spec = store.getRun(item.id)!.spec;
  store.close();
  return spec;
};

describe('run: loading and preflight', () => {
  it('--set data.* works on a spec whose file has no data object (the default data kind first)', async () => {
    const { file, db } = fileWith(JSON.stringify({ epochs: 1 }));
    const r = await runInProcess(['run', file, '--db', db, '--set', 'data.trainCount=96']);
    expect(r.code).toBe(0);
    expect(onlySpec(db).data).toMatchObject({ kind: 'shapes', trainCount: 96 });
  });

  it('accepts a file that starts with a UTF-8 byte order mark', async () => {
    const { file, db } = fileWith('\uFEFF' + JSON.stringify({ epochs: 1, name: 'bom' }));
    const r = await runInProcess(['run', file, '--db', db]);
    expect(r.code).toBe(0);
    expect(onlySpec(db).name).toBe('bom');
  });

  it('refuses a spec over --max-memory with the estimate, before the database exists', async () => {
    const { file, db } = fileWith(JSON.stringify({ epochs: 1, data: { kind: 'shapes', trainCount: 4000 } }));
    const r = await runInProcess(['run', file, '--db', db, '--max-memory', '1MiB']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot run .*in\.json:\n {2}[\w.]+: estimated [\d.]+ \w+ > budget 1(\.0)? MiB: data /);
    expect(r.methods).toEqual([]);
    expect(existsSync(db)).toBe(false);
  });

  it('checks the budget after the overrides: --set can bring a spec under it', async () => {
    const { file, db } = fileWith(JSON.stringify({ epochs: 1, data: { kind: 'shapes', trainCount: 4000 } }));
    const args = ['run', file, '--db', db, '--max-memory', '64MiB'];
    expect((await runInProcess(args)).code).toBe(0);
    const tight = await runInProcess([...args.slice(0, 4), '--max-memory', '2MiB', '--set', 'data.trainCount=4000']);
    expect(tight.code).toBe(2);
  });

  it('a bad --max-memory is blamed on the flag, exit 2', async () => {
    const { file, db } = fileWith(JSON.stringify({ epochs: 1 }));
    const r = await runInProcess(['run', file, '--db', db, '--max-memory', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/option '--max-memory <size>' argument 'lots' is invalid/);
    expect(existsSync(db)).toBe(false);
  });

  it('an IDX path given with --set is read against the working folder and stored absolute', async () => {
    const { file, db } = fileWith(JSON.stringify({ epochs: 1, data: { kind: 'idx', images: 'x', labels: 'y' } }));
    const sets = ['images=train-images-idx3-ubyte', 'labels=train-labels-idx1-ubyte'].map((s) => `data.${s}`);
    const prev = process.cwd();
    process.chdir(fileURLToPath(new URL('../../bad-input/idx/', import.meta.url)));
    try {
      const r = await runInProcess(['run', file, '--db', db, '--set', sets[0], '--set', sets[1]]);
      expect(r.code, r.stderr).toBe(0);
    } finally {
      process.chdir(prev);
    }
    expect(onlySpec(db).data).toMatchObject({
      images: fileURLToPath(new URL('../../bad-input/idx/train-images-idx3-ubyte', import.meta.url)),
    });
  });

  it('a missing IDX file (relative to the spec file) is refused naming the field, nothing written', async () => {
    const { file, db } = fileWith(
      JSON.stringify({ epochs: 1, data: { kind: 'idx', images: 'nope-images.idx', labels: 'nope-labels.idx' } }),
    );
    const r = await runInProcess(['run', file, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`data.images: ${join(file, '..', 'nope-images.idx')}: file not found`);
    expect(existsSync(db)).toBe(false);
  });
});
