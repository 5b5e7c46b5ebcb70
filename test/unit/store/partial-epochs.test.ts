/** A diverged run's partial epoch: stored, read back exactly, kept out of the run's progress. */
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type RunStore } from '../../../src/store/run-store.ts';
import { BACKEND, makeEpoch, makePartialEpoch, makeSpec } from './fixtures/records.ts';

let store: RunStore;
afterEach(() => store?.close());

function runningRun(): string {
  store = openStore(':memory:');
  const id = store.createRun({ spec: makeSpec(), name: 'r', tags: [], notes: '' });
  store.markRunning(id, BACKEND);
  return id;
}

const partial = makePartialEpoch;

describe('partial epochs', () => {
  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'round-trip with the divergence loss %s, full epochs reading partial: false',
    (loss) => {
      const id = runningRun();
      const written = [makeEpoch(1), makeEpoch(2), partial(3, 7, loss)];
      for (const rec of written) store.appendEpoch(id, rec);
      expect(store.getEpochs(id)).toEqual(written);
      expect(store.compareData(id).divergence).toEqual([null, null, { batch: 7, batches: 32, loss }]);
    },
  );

  it('count no progress: epochsDone, the final metrics and health stay those of the last full epoch', () => {
    const id = runningRun();
    store.appendEpoch(id, makeEpoch(1));
    store.appendEpoch(id, makeEpoch(2));
    const before = store.getRun(id)!;
    store.appendEpoch(id, partial(3, 7, Number.NaN));
    store.finishRun(id, 'diverged', 'loss became NaN at epoch 3, batch 7 of 32');
    const run = store.getRun(id)!;
    expect(run.epochsDone).toBe(2);
    expect(run.finalMetrics).toEqual(before.finalMetrics);
    expect(run.lastHealth).toEqual(before.lastHealth);
    expect(store.getEpochs(id).map((e) => [e.epoch, e.partial])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  });

  it('refuses a record whose partial flag and divergence disagree, naming the field', () => {
    const id = runningRun();
    expect(() => store.appendEpoch(id, { ...makeEpoch(1), partial: true })).toThrow(
      /divergence.*a partial epoch needs its divergence/,
    );
    expect(() => store.appendEpoch(id, { ...partial(1, 3, Number.NaN), partial: false })).toThrow(
      /divergence.*only a partial epoch has a divergence/,
    );
    expect(() => store.appendEpoch(id, partial(1, 33, Number.NaN))).toThrow(/divergence\.batch.*at most batches/);
    expect(store.getEpochs(id)).toEqual([]);
  });
});
