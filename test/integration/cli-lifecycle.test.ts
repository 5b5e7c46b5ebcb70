/** Bad input, Ctrl-C, a killed process, delete: what the CLI leaves in the database. */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { cli, startCli, tempDir } from '../helpers/cli.ts';
import { makeSpec } from '../unit/store/fixtures/records.ts';

const tmp = tempDir();
afterAll(tmp.cleanup);

/** A run long enough to interrupt: many small epochs. */
const longSpec = join(tmp.dir, 'long.json');
writeFileSync(
  longSpec,
  JSON.stringify({
    name: 'long',
    epochs: 500,
    data: { kind: 'shapes', imageSize: 12, trainCount: 256, valCount: 64 },
    model: { depth: 3, width: 32 },
    tasks: [{ kind: 'cls' }, { kind: 'recon' }],
  }),
);

/** Poll (read-only) until the run has `n` epochs stored. */
async function untilEpochs(db: string, n: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      const conn = new Database(db, { readonly: true, fileMustExist: true });
      const row = conn.prepare('SELECT MAX(epochs_done) AS e FROM runs').get() as { e: number | null };
      conn.close();
      if ((row.e ?? 0) >= n) return;
    } catch {
      // not created yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no run reached ${n} epochs`);
}

describe('CLI run lifecycle', () => {
  it('a bad spec exits 2, names the field, and writes nothing', async () => {
    const bad = join(tmp.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ model: { depth: 0, activation: 'swish' }, optimizer: { learningRate: -1 } }));
    const db = join(tmp.dir, 'bad.db');
    const r = await cli(['run', bad, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/model\.depth/);
    expect(r.stderr).toMatch(/model\.activation/);
    expect(r.stderr).toMatch(/optimizer\.learningRate/);
    const { existsSync } = await import('node:fs');
    expect(existsSync(db)).toBe(false);
  });

  it('a bad sweep point leaves an existing database untouched', async () => {
    const db = join(tmp.dir, 'keep.db');
    const small = ['--set', 'data.trainCount=128', '--set', 'data.valCount=32', '--set', 'data.imageSize=16'];
    const ok = await cli(['run', 'examples/vanishing-sigmoid-mlp.json', '--db', db, ...small, '--epochs', '1']);
    expect(ok.code).toBe(0);
    const exp = join(tmp.dir, 'exp.json');
    writeFileSync(
      exp,
      JSON.stringify({
        name: 'e',
        base: { tasks: [{ kind: 'cls' }, { kind: 'seg' }] },
        sweep: { 'weighting.lambda': [0.5, 3] },
      }),
    );
    const r = await cli(['run', exp, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/weighting\.lambda.*sweep point lambda=3/);
    const store = openStore(db);
    expect(store.listRuns().total).toBe(1);
    expect(store.listExperiments()).toHaveLength(0);
    store.close();
  });

  it('Ctrl-C cancels cleanly: exit 130, run cancelled, epochs kept', async () => {
    const db = join(tmp.dir, 'sigint.db');
    const { child, done } = startCli(['run', longSpec, '--db', db]);
    await untilEpochs(db, 2);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    const store = openStore(db);
    const [run] = store.listRuns().items;
    expect(run.status).toBe('cancelled');
    expect(run.epochsDone).toBeGreaterThanOrEqual(2);
    expect(store.getEpochs(run.id)).toHaveLength(run.epochsDone);
    store.close();
  });

  it('opening the database from a second process while a run trains leaves that run alone', async () => {
    const db = join(tmp.dir, 'shared.db');
    const { child, done } = startCli(['run', longSpec, '--db', db]);
    await untilEpochs(db, 1);
    const other = openStore(db);
    expect(other.interruptedOnOpen).toBe(0);
    expect(other.listRuns().items[0].status).toBe('running');
    other.close();
    await untilEpochs(db, 2);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    const after = openStore(db);
    expect(after.listRuns().items[0].status).toBe('cancelled');
    after.close();
  });

  it('a killed process leaves completed epochs intact; reopening marks the run interrupted', async () => {
    const db = join(tmp.dir, 'kill.db');
    const { child, done } = startCli(['run', longSpec, '--db', db]);
    await untilEpochs(db, 3);
    child.kill('SIGKILL');
    await done;
    const store = openStore(db);
    expect(store.interruptedOnOpen).toBe(1);
    const [run] = store.listRuns().items;
    expect(run.status).toBe('interrupted');
    const epochs = store.getEpochs(run.id);
    expect(epochs.length).toBeGreaterThanOrEqual(3);
    expect(epochs.map((e) => e.epoch)).toEqual(epochs.map((_, i) => i + 1));
    for (const e of epochs) expect(e.layers).toHaveLength(5);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    store.close();
  });

  it('delete removes runs and refuses unknown ids without deleting anything', async () => {
    const db = join(tmp.dir, 'delete.db');
    const store = openStore(db);
    const run = { id: store.createRun({ spec: makeSpec(), name: 'to delete', tags: [], notes: '' }) };
    store.finishRun(run.id, 'completed', null);
    store.close();
    const miss = await cli(['delete', run.id, 'no-such-run', '--db', db]);
    expect(miss.code).toBe(2);
    expect(miss.stderr).toMatch(/no-such-run/);
    const ok = await cli(['delete', run.id, '--db', db]);
    expect(ok.code).toBe(0);
    const after = openStore(db);
    expect(after.listRuns().total).toBe(0);
    after.close();
  });
});
