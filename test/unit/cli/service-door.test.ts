/** Every CLI command reaches the Service through the contract: the spied `handle` sees each one. */
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../store/temp-dirs.ts';
import { manualJobs } from '../api/fake-jobs.ts';
import { runInProcess } from './cli-harness.ts';

const tempDir = useTempDirs();

function files() {
  const dir = tempDir();
  const spec = join(dir, 'spec.json');
  writeFileSync(spec, JSON.stringify({ name: 'door', epochs: 2, tasks: [{ kind: 'cls' }, { kind: 'seg' }] }));
  return { db: join(dir, 'door.db'), spec, dir };
}

async function trainedRun(db: string, spec: string): Promise<string> {
  const r = await runInProcess(['run', spec, '--db', db, '--json']);
  expect(r.code).toBe(0);
  const finished = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((e) => e.event === 'run.finished');
  return finished[0].payload.runId;
}

describe('the CLI is a door of the contract', () => {
  it('run validates, starts and follows its runs through the service, printing the contract events', async () => {
    const { db, spec } = files();
    const r = await runInProcess(['run', spec, '--db', db, '--json']);
    expect(r.code).toBe(0);
    // the file is validated (and preflighted) by the shared loader; the service checks it again in runs.start
    expect(r.methods).toEqual(['runs.start']);
    const events = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    for (const e of events) expect(Object.keys(e)).toEqual(['event', 'payload']);
    const names = events.map((e) => e.event);
    expect(names.filter((n) => n === 'run.epoch')).toHaveLength(2);
    expect(names.at(-1)).toBe('run.finished');
    const started = events.find((e) => e.event === 'run.started');
    expect(started.payload).toMatchObject({ runId: expect.any(String), backend: { name: 'cpu' } });
    expect(events.at(-1).payload).toEqual({
      runId: started.payload.runId,
      status: 'completed',
      epochs: 2,
      message: null,
    });
    expect(events.find((e) => e.event === 'run.epoch').payload.record.epoch).toBe(1);
  });

  it('list, show, export and delete each call their contract method', async () => {
    const { db, spec } = files();
    const id = await trainedRun(db, spec);
    const list = await runInProcess(['list', '--db', db, '--json']);
    expect(list.methods).toEqual(['runs.list']);
    expect(JSON.parse(list.stdout).items.map((x: { id: string }) => x.id)).toEqual([id]);
    const show = await runInProcess(['show', id, '--db', db]);
    expect(show.methods).toEqual(['runs.get', 'runs.epochs']);
    expect(show.stdout).toMatch(/epoch 2:/);
    const exp = await runInProcess(['export', id, '--db', db, '--format', 'json']);
    expect(exp.methods).toEqual(['runs.export']);
    expect(JSON.parse(exp.stdout).runs[0].epochs).toHaveLength(2);
    const del = await runInProcess(['delete', id, '--db', db]);
    expect(del).toMatchObject({ code: 0, methods: ['runs.delete'], stdout: 'deleted 1 run(s)\n' });
    const gone = await runInProcess(['show', id, '--db', db]);
    expect(gone).toMatchObject({ code: 2, stderr: `error: no run with id ${id}\n` });
  });

  it("the contract's error codes become exit codes: not_found and invalid_argument 2, read_only 1", async () => {
    const { db, spec } = files();
    await trainedRun(db, spec);
    expect(await runInProcess(['delete', 'nope', '--db', db])).toMatchObject({
      code: 2,
      stderr: 'error: nothing deleted: no run with id nope\n',
    });
    expect((await runInProcess(['export', '--db', db])).code).toBe(2);
    // a database from a newer app opens read-only: the store refuses the write, the service says read_only
    const raw = new Database(db);
    raw.pragma(`user_version = ${(raw.pragma('user_version', { simple: true }) as number) + 1}`);
    raw.close();
    const ro = await runInProcess(['run', spec, '--db', db]);
    expect(ro.code).toBe(1);
    expect(ro.stderr).toMatch(/^note: .*newer Gradient Workbench.*opened read-only\.\nerror: .*read-only/);
  });

  it('a run that fails exits 1, and a bad spec exits 2 without creating the database', async () => {
    const { db, spec, dir } = files();
    const fake = manualJobs();
    const failing = runInProcess(['run', spec, '--db', db], {
      startJob: (o) => {
        const job = fake.factory(o);
        setImmediate(() => job.finish('failed', 'trainer crashed'));
        return job;
      },
    });
    const r = await failing;
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/failed after 0 epoch\(s\): trainer crashed/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ model: { depth: 0 } }));
    const newDb = join(dir, 'never.db');
    const b = await runInProcess(['run', bad, '--db', newDb]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/invalid spec in .*bad\.json:\n {2}model\.depth: /);
    expect(existsSync(newDb)).toBe(false);
  });
});
