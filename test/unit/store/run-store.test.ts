import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError, NotFoundError, ReadOnlyStoreError, RunStateError } from '../../../src/store/errors.ts';
import { openStore, RunStore } from '../../../src/store/run-store.ts';
import { INTERRUPTED_MESSAGE } from '../../../src/store/runs-repo.ts';
import { BACKEND, makeEpoch, makeSpec } from './fixtures/records.ts';
import { useTempDirs } from './temp-dirs.ts';

const tempDir = useTempDirs();
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
let clock = 0;
const stores: RunStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

function memoryStore(): RunStore {
  clock = Date.UTC(2025, 0, 1);
  const s = openStore(':memory:', { now: () => clock });
  stores.push(s);
  return s;
}

function newRun(s: RunStore, name = 'run', extra: Partial<Parameters<RunStore['createRun']>[0]> = {}): string {
  return s.createRun({ spec: makeSpec(), name, tags: [], notes: '', ...extra });
}

describe('runs', () => {
  it('creates a queued run with its spec, tags in order, notes and planned epochs', () => {
    const s = memoryStore();
    const id = newRun(s, 'first', { tags: ['z', 'a'], notes: 'why' });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const run = s.getRun(id)!;
    expect(run).toMatchObject({
      id,
      name: 'first',
      status: 'queued',
      tags: ['z', 'a'],
      notes: 'why',
      epochsPlanned: 5,
      epochsDone: 0,
      createdAt: '2025-01-01T00:00:00.000Z',
      startedAt: null,
      finishedAt: null,
      durationMs: null,
      backend: null,
      finalMetrics: {},
      lastVanishingRatio: null,
      experimentId: null,
      error: null,
    });
    expect(run.spec).toEqual(makeSpec());
    expect(s.getRun(UNKNOWN)).toBeNull();
  });

  it('goes queued → running → final, recording backend, times and error', () => {
    const s = memoryStore();
    const id = newRun(s);
    clock += 1000;
    s.markRunning(id, { ...BACKEND, parityMaxAbsDiff: Number.NaN });
    expect(() => s.markRunning(id, BACKEND)).toThrow(RunStateError);
    clock += 61_500;
    s.finishRun(id, 'diverged', 'loss became NaN at epoch 3');
    const run = s.getRun(id)!;
    expect(run).toMatchObject({ status: 'diverged', error: 'loss became NaN at epoch 3', durationMs: 61_500 });
    expect(run.startedAt).toBe('2025-01-01T00:00:01.000Z');
    expect(run.backend).toEqual({ ...BACKEND, parityMaxAbsDiff: Number.NaN });
    expect(() => s.finishRun(id, 'completed')).toThrow(/already diverged/);
    expect(() => s.finishRun(newRun(s), 'running')).toThrow(InvalidArgumentError);
  });

  it('validates arguments, naming the field', () => {
    const s = memoryStore();
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as InvalidArgumentError;
      }
      throw new Error('did not throw');
    };
    expect(err(() => newRun(s, 'x', { tags: ['ok', ''] }))).toMatchObject({
      field: 'input.tags.1',
      name: 'InvalidArgumentError',
    });
    expect(err(() => newRun(s, 'x', { tags: ['a', 'a'] })).field).toBe('input.tags');
    expect(err(() => newRun(s, 'x', { spec: { ...makeSpec(), epochs: 0 } })).field).toBe('input.spec.epochs');
    expect(err(() => s.getEpochs('not-an-id')).message).toBe('getEpochs: id: must be a UUID');
    expect(err(() => s.listRuns({ limit: 0 })).field).toBe('query.limit');
    expect(err(() => s.updateRun(UNKNOWN, {})).field).toBe('patch');
    const bad = { ...makeEpoch(1), metrics: [{ task: 'cls', split: 'val', name: 'loss', value: '1' }] };
    expect(err(() => s.appendEpoch(UNKNOWN, bad as never)).field).toBe('record.metrics.0.value');
    expect(() => s.getEpochs(UNKNOWN)).toThrow(new NotFoundError('run', UNKNOWN));
    expect(() => s.getEpochs(UNKNOWN)).toThrow(UNKNOWN);
    expect(() => newRun(s, 'x', { experimentId: UNKNOWN })).toThrow(NotFoundError);
  });

  it('updates name, tags and notes, and deletes runs with all their epochs', () => {
    const s = memoryStore();
    const a = newRun(s, 'a', { tags: ['old'] });
    const b = newRun(s, 'b');
    s.updateRun(a, { name: 'renamed', tags: ['n1', 'n2'] });
    s.updateRun(a, { notes: 'later' });
    expect(s.getRun(a)).toMatchObject({ name: 'renamed', tags: ['n1', 'n2'], notes: 'later' });
    expect(() => s.updateRun(UNKNOWN, { name: 'x' })).toThrow(NotFoundError);
    s.markRunning(a, BACKEND);
    s.appendEpoch(a, makeEpoch(1));
    expect(() => s.deleteRuns([a])).toThrow(/running; cancel it/);
    s.finishRun(a, 'cancelled');
    expect(s.deleteRuns([a, b, UNKNOWN])).toBe(2);
    for (const table of ['runs', 'run_tags', 'epochs', 'metrics', 'layer_stats', 'task_grads', 'task_cosines'])
      expect(s.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
  });

  it('groups runs in experiments', () => {
    const s = memoryStore();
    const x = s.createExperiment({ name: 'λ sweep', sweep: { lambda: [0.1, 0.9] } });
    clock += 1;
    s.createExperiment({ name: 'empty' });
    newRun(s, 'a', { experimentId: x });
    newRun(s, 'b', { experimentId: x });
    expect(s.listExperiments()).toMatchObject([
      { name: 'empty', sweep: null, runCount: 0 },
      { id: x, name: 'λ sweep', sweep: { lambda: [0.1, 0.9] }, runCount: 2 },
    ]);
    expect(() => s.createExperiment({ name: '' })).toThrow(/input\.name/);
  });
});

describe('opening a store', () => {
  it('marks runs a dead process left queued or running as interrupted', () => {
    const path = join(tempDir(), 'wb.db');
    const first = openStore(path);
    const queued = newRun(first, 'q');
    const running = newRun(first, 'r');
    const done = newRun(first, 'd');
    first.markRunning(running, BACKEND);
    first.appendEpoch(running, makeEpoch(1));
    first.markRunning(done, BACKEND);
    first.finishRun(done, 'completed');
    first.db.close(); // no finishRun: the process "died"

    const second = openStore(path);
    stores.push(second);
    expect(second.interruptedOnOpen).toBe(2);
    expect(second.getRun(queued)).toMatchObject({
      status: 'interrupted',
      error: INTERRUPTED_MESSAGE,
      finishedAt: null,
    });
    expect(second.getRun(running)).toMatchObject({ status: 'interrupted', epochsDone: 1 });
    expect(second.getEpochs(running)).toEqual([makeEpoch(1)]);
    expect(second.getRun(done)).toMatchObject({ status: 'completed', error: null });
  });

  it('leaves alone the runs of another live process, and interrupts those of a dead one', async () => {
    const path = join(tempDir(), 'owners.db');
    const first = openStore(path);
    const live = newRun(first, 'live');
    const dead = newRun(first, 'dead');
    first.markRunning(live, BACKEND);
    first.markRunning(dead, BACKEND);
    // a process that has exited: its pid names nobody now
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const setOwner = first.db.prepare('UPDATE runs SET owner = ? WHERE id = ?');
    setOwner.run(`${hostname()}:${process.ppid}`, live);
    setOwner.run(`${hostname()}:${gone.stdout.toString()}`, dead);
    first.close();

    const second = openStore(path);
    stores.push(second);
    expect(second.interruptedOnOpen).toBe(1);
    expect(second.getRun(live)!.status).toBe('running');
    expect(second.getRun(dead)).toMatchObject({ status: 'interrupted', error: INTERRUPTED_MESSAGE });
  });

  it('a newer database: read-only store, reads work, every write throws with the reason, file untouched', () => {
    const path = join(tempDir(), 'wb.db');
    const first = openStore(path);
    const id = newRun(first, 'kept');
    first.close();
    const raw = new Database(path);
    raw.pragma('user_version = 7');
    raw.close();
    const hash = () => createHash('sha256').update(readFileSync(path)).digest('hex');
    const before = hash();

    const s = openStore(path);
    expect(s.readOnly).toBe(true);
    expect(s.readOnlyReason).toMatch(/newer Gradient Workbench \(schema 7, this app knows \d+\); opened read-only\./);
    expect(s.interruptedOnOpen).toBe(0);
    expect(s.getRun(id)).toMatchObject({ name: 'kept', status: 'queued' });
    expect(s.listRuns().total).toBe(1);
    const writes: Array<() => unknown> = [
      () => newRun(s),
      () => s.createExperiment({ name: 'x' }),
      () => s.markRunning(id, BACKEND),
      () => s.appendEpoch(id, makeEpoch(1)),
      () => s.finishRun(id, 'failed'),
      () => s.markInterrupted(),
      () => s.updateRun(id, { name: 'y' }),
      () => s.deleteRuns([id]),
    ];
    for (const write of writes) {
      expect(write).toThrow(ReadOnlyStoreError);
      expect(write).toThrow(s.readOnlyReason!);
    }
    s.close();
    expect(hash()).toBe(before);
  });
});

describe('getRun', () => {
  it('answers null for an unknown or malformed id (no run can have it)', () => {
    const s = openStore(':memory:');
    stores.push(s);
    expect(s.getRun('not-a-uuid')).toBeNull();
    expect(s.getRun('11111111-2222-4333-8444-555555555555')).toBeNull();
  });
});
