/** Remote results land idempotently: redelivered entries, retried attempts, late stale writers. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/index.ts';
import { RemoteRuns } from '../../../src/store/remote-runs.ts';
import { BACKEND, makeEpoch, makeSpec } from './fixtures/records.ts';
import { useTempDirs } from './temp-dirs.ts';

const tempDir = useTempDirs();

function setup() {
  const store = openStore(join(tempDir(), 'r.db'));
  const remote = new RemoteRuns(store);
  const spec = makeSpec({ epochs: 3 });
  const run = remote.runFor('r:one', { spec, name: 'one', tags: [], notes: '' });
  return { store, remote, id: run.id, run };
}

const started = (attempt: number, machine = 'w1') => ({ attempt, backend: BACKEND, machine, at: 1000 * attempt });
const epochNumbers = (store: ReturnType<typeof openStore>, id: string) => store.getEpochs(id).map((e) => e.epoch);

describe('RemoteRuns', () => {
  it('finds a run again by its key instead of creating a second one', () => {
    const { remote, id, run, store } = setup();
    expect(run.created).toBe(true);
    const again = remote.runFor('r:one', { spec: makeSpec({ epochs: 3 }), name: 'one', tags: [], notes: '' });
    expect(again).toEqual({ id, status: 'queued', created: false });
    expect(store.listRuns().total).toBe(1);
    expect(store.getRun(id)).toMatchObject({ remote: true, attempts: 0, machine: null });
  });

  it('an epoch delivered twice is stored once, with the second copy', () => {
    const { store, remote, id } = setup();
    expect(remote.started(id, started(1))).toBe('applied');
    expect(remote.epoch(id, 1, makeEpoch(1))).toBe('applied');
    expect(remote.epoch(id, 1, makeEpoch(1))).toBe('applied');
    expect(remote.epoch(id, 1, makeEpoch(2))).toBe('applied');
    expect(epochNumbers(store, id)).toEqual([1, 2]);
    expect(store.getRun(id)).toMatchObject({ status: 'running', machine: 'w1', attempts: 1, epochsDone: 2 });
  });

  it('a retried attempt replaces the partial epochs, and the dead attempt writes nothing more', () => {
    const { store, remote, id } = setup();
    remote.started(id, started(1, 'w1'));
    remote.epoch(id, 1, makeEpoch(1));
    remote.epoch(id, 1, makeEpoch(2));
    expect(remote.started(id, started(2, 'w2'))).toBe('applied');
    expect(epochNumbers(store, id)).toEqual([]);
    expect(store.getRun(id)).toMatchObject({ epochsDone: 0, machine: 'w2', attempts: 2, lastHealth: null });
    expect(remote.epoch(id, 1, makeEpoch(3))).toBe('stale-attempt');
    expect(remote.started(id, started(1, 'w1'))).toBe('stale-attempt');
    remote.epoch(id, 2, makeEpoch(1));
    expect(remote.finished(id, { attempt: 1, status: 'failed', message: 'late', at: 5 })).toBe('stale-attempt');
    expect(remote.finished(id, { attempt: 2, status: 'completed', message: null, at: 9000 })).toBe('applied');
    expect(epochNumbers(store, id)).toEqual([1]);
    expect(store.getRun(id)).toMatchObject({ status: 'completed', attempts: 2, durationMs: 7000 });
  });

  it('the first ending stays: a redelivered or later ending changes nothing', () => {
    const { store, remote, id } = setup();
    remote.started(id, started(1));
    expect(remote.finished(id, { attempt: 1, status: 'cancelled', message: 'stop', at: 2000 })).toBe('applied');
    expect(remote.finished(id, { attempt: 1, status: 'completed', message: null, at: 3000 })).toBe('already-ended');
    expect(remote.started(id, started(1))).toBe('already-ended');
    expect(store.getRun(id)).toMatchObject({ status: 'cancelled', error: 'stop' });
  });

  it('results for a run this database does not hold are skipped', () => {
    const { remote } = setup();
    const other = '00000000-0000-4000-8000-000000000000';
    expect(remote.started(other, started(1))).toBe('unknown-run');
    expect(remote.epoch(other, 1, makeEpoch(1))).toBe('unknown-run');
  });

  it('a bad record is refused naming the field, and nothing is written', () => {
    const { store, remote, id } = setup();
    remote.started(id, started(1));
    expect(() => remote.epoch(id, 1, { ...makeEpoch(1), epoch: 0 })).toThrow(/record\.epoch/);
    expect(epochNumbers(store, id)).toEqual([]);
  });

  it('reopening the database leaves remote runs open when their submitter is gone', () => {
    const { store, remote, id } = setup();
    remote.started(id, started(1));
    store.db.prepare("UPDATE runs SET owner = 'nohost:1'").run();
    const path = store.db.name;
    store.close();
    const again = openStore(path);
    expect(again.interruptedOnOpen).toBe(0);
    expect(again.getRun(id)!.status).toBe('running');
    again.close();
  });
});
