import { afterEach, describe, expect, it } from 'vitest';
import { RunStateError } from '../../../src/store/errors.ts';
import { openStore, type RunStore } from '../../../src/store/run-store.ts';
import type { EpochRecord } from '../../../src/domain/records.ts';
import { BACKEND, makeEpoch, makeSpec } from './fixtures/records.ts';

let store: RunStore;
afterEach(() => store?.close());

function runningRun(): string {
  store = openStore(':memory:');
  const id = store.createRun({ spec: makeSpec(), name: 'r', tags: [], notes: '' });
  store.markRunning(id, BACKEND);
  return id;
}

const EPOCH_TABLES = ['epochs', 'metrics', 'layer_stats', 'task_grads', 'task_cosines'];
const rowsOf = (epoch: number) =>
  Object.fromEntries(
    EPOCH_TABLES.map((t) => [t, store.db.prepare(`SELECT count(*) FROM ${t} WHERE epoch = ?`).pluck().get(epoch)]),
  );

describe('appendEpoch / getEpochs', () => {
  it('round-trips epochs exactly, null statistics staying null, arrays in order', () => {
    const id = runningRun();
    const written = [1, 2, 3, 4].map((e) => makeEpoch(e, { bins: 16 }));
    for (const rec of written) store.appendEpoch(id, rec);
    expect(written[1].layers[0].dzL2).toBeNull();
    expect(store.getEpochs(id)).toEqual(written);
    expect(store.getEpochs(id, { from: 2, to: 3 })).toEqual(written.slice(1, 3));
    expect(store.getEpochs(id, { from: 4 })).toEqual(written.slice(3));
    expect(store.getEpochs(id, { to: 1 })).toEqual(written.slice(0, 1));
  });

  it('keeps NaN apart from null, and ±Infinity, for a diverged epoch', () => {
    const id = runningRun();
    const base = makeEpoch(1, { probed: true });
    const rec: EpochRecord = {
      ...base,
      durationMs: Number.NaN,
      metrics: [{ task: 'cls', split: 'val', name: 'loss', value: Number.NaN }, ...base.metrics.slice(2)],
      weights: { cls: Number.NaN, seg: Number.POSITIVE_INFINITY },
      vanishingRatio: Number.NaN,
      layers: [
        {
          ...base.layers[0],
          gradL2: Number.POSITIVE_INFINITY,
          gradStd: Number.NaN,
          dzL2: Number.NaN,
          dzStd: null,
          actSaturation: Number.NEGATIVE_INFINITY,
          actMean: null,
          histogram: { min: Number.NaN, max: Number.NaN, counts: [0, 0, 4_294_967_295] },
        },
        ...base.layers.slice(1),
      ],
      taskGrads: [{ task: 'cls', norm: Number.NaN }],
      taskCosines: [{ a: 'cls', b: 'seg', cosine: Number.NaN }],
    };
    store.appendEpoch(id, rec);
    expect(store.getEpochs(id)).toEqual([rec]);
    const run = store.getRun(id)!;
    expect(run.finalMetrics.cls.loss).toBeNaN();
    expect(run.lastVanishingRatio).toBeNull();
  });

  it('keeps the run summary on the newest epoch', () => {
    const id = runningRun();
    store.appendEpoch(id, makeEpoch(1));
    store.appendEpoch(id, makeEpoch(3));
    store.appendEpoch(id, makeEpoch(2)); // late arrival must not roll the summary back
    const run = store.getRun(id)!;
    expect(run.epochsDone).toBe(3);
    expect(run.lastVanishingRatio).toBe(0.03);
    expect(run.finalMetrics.cls.accuracy).toBe(0.53);
    expect(store.getEpochs(id).map((e) => e.epoch)).toEqual([1, 2, 3]);
  });

  it('writes nothing of an epoch when a statement fails mid-transaction', () => {
    const id = runningRun();
    store.appendEpoch(id, makeEpoch(1));
    // cosines are written after the epoch row, metrics, layers and task gradients
    store.db.exec(`CREATE TRIGGER fail_cosine BEFORE INSERT ON task_cosines WHEN NEW.epoch = 3
      BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    const third = makeEpoch(3);
    expect(third.taskCosines.length).toBeGreaterThan(0);
    expect(() => store.appendEpoch(id, third)).toThrow('injected failure');
    expect(rowsOf(3)).toEqual({ epochs: 0, metrics: 0, layer_stats: 0, task_grads: 0, task_cosines: 0 });
    expect(store.getRun(id)).toMatchObject({ epochsDone: 1, lastVanishingRatio: 0.01 });
    store.db.exec('DROP TRIGGER fail_cosine');
    store.appendEpoch(id, third);
    expect(store.getEpochs(id)).toEqual([makeEpoch(1), third]);
  });

  it('refuses a duplicate epoch number and keeps the first copy whole', () => {
    const id = runningRun();
    store.appendEpoch(id, makeEpoch(1));
    const before = rowsOf(1);
    expect(() => store.appendEpoch(id, { ...makeEpoch(1), durationMs: 1 })).toThrow(/UNIQUE constraint failed: epochs/);
    expect(rowsOf(1)).toEqual(before);
    expect(store.getEpochs(id)).toEqual([makeEpoch(1)]);
  });

  it('refuses epochs for runs that are not running, and duplicate entries within an epoch', () => {
    store = openStore(':memory:');
    const queued = store.createRun({ spec: makeSpec(), name: 'q', tags: [], notes: '' });
    expect(() => store.appendEpoch(queued, makeEpoch(1))).toThrow(RunStateError);
    expect(rowsOf(1).epochs).toBe(0);
    store.markRunning(queued, BACKEND);
    const rec = makeEpoch(1);
    expect(() => store.appendEpoch(queued, { ...rec, layers: [rec.layers[0], rec.layers[0]] })).toThrow(
      'appendEpoch: record.layers.1: duplicate entry index 0',
    );
    expect(() => store.appendEpoch(queued, { ...rec, epoch: 0 })).toThrow(/record\.epoch/);
    store.finishRun(queued, 'completed');
    expect(() => store.appendEpoch(queued, rec)).toThrow(/is completed/);
  });
});
