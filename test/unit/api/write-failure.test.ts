/**
 * A mid-run write failure keeps its cause: the run stops, its error says why, and when even the
 * failed ending cannot be written the service keeps it in memory and writes it on the next open.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalClient } from '../../../src/api/local-client.ts';
import { Service } from '../../../src/api/service.ts';
import { openStore } from '../../../src/store/index.ts';
import { makeSpec } from '../store/fixtures/records.ts';
import { useTempDirs } from '../store/temp-dirs.ts';
import { manualJobs } from './fake-jobs.ts';

const tempDir = useTempDirs();

describe('a store that stops accepting writes mid-run', () => {
  it('keeps the cause in memory (runs.get) and writes it on the next open of the database', async () => {
    const dbPath = join(tempDir(), 'w.db');
    const store = openStore(dbPath);
    const fake = manualJobs();
    const service = new Service({ store, dbPath, parallel: 1, startJob: fake.factory });
    const client = createLocalClient(service);
    const finished: string[] = [];
    client.subscribe('run.finished', (p) => finished.push(p.message ?? ''));
    const [id] = service.scheduler.enqueue([makeSpec({ epochs: 5 })]);
    const job = fake.jobs.get(id)!;
    job.start();
    job.epoch();
    // from here every write of this connection fails, as on a disk turned read-only
    store.db.pragma('query_only = ON');
    job.epoch();
    expect(job.cancelled).toBe(true);
    await service.scheduler.idle();

    const got = await client.invoke('runs.get', { id });
    expect(got).toMatchObject({ ok: true, value: { status: 'failed' } });
    const cause = got.ok ? got.value.error : null;
    expect(cause).toMatch(/^could not store epoch 2: .*w\.db cannot be written: .*readonly database.*Fix: /);
    expect(finished).toEqual([cause]);
    expect(store.getEpochs(id)).toHaveLength(1);
    await service.close();

    const reopened = openStore(dbPath);
    const stored = reopened.db.prepare('SELECT status, error FROM runs WHERE id = ?').get(id);
    expect(stored).toEqual({ status: 'failed', error: cause });
    expect(reopened.getEpochs(id)).toHaveLength(1);
    reopened.close();
  });

  it('a run deleted while it trained is not kept', async () => {
    const dbPath = join(tempDir(), 'd.db');
    const store = openStore(dbPath);
    const fake = manualJobs();
    const service = new Service({ store, dbPath, parallel: 1, startJob: fake.factory });
    const [id] = service.scheduler.enqueue([makeSpec({ epochs: 5 })]);
    fake.jobs.get(id)!.start();
    store.db.prepare('DELETE FROM runs WHERE id = ?').run(id);
    fake.jobs.get(id)!.finish('completed');
    await service.scheduler.idle();
    expect(store.getRun(id)).toBeNull();
    await service.close();
  });
});
