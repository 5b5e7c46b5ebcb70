/**
 * The remote queue through the contract: Settings sets or clears it, a bad URL is refused naming
 * the field, runs.start trains here unless asked for the queue, and a queued remote run can be
 * cancelled before any worker takes it. Against a private redis-server; no worker runs.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalClient } from '../../../src/api/local-client.ts';
import { openCliService } from '../../../src/cli/database.ts';
import { startRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { useTempDirs } from '../store/temp-dirs.ts';
import { autoJobs } from './fake-jobs.ts';

const tempDir = useTempDirs();
let redis: TestRedis;
beforeAll(async () => void (redis = await startRedis()));
afterAll(() => redis.stop());

function open() {
  const dbPath = join(tempDir(), 'r.db');
  const service = openCliService({ dbPath, door: 'local', note: () => {} }, { startJob: autoJobs() });
  return { client: createLocalClient(service), service };
}

const spec = { epochs: 1, data: { kind: 'shapes', imageSize: 8, trainCount: 32, valCount: 8 } };

describe('remote queue settings', () => {
  it('refuses a bad URL naming the field, and says when no queue is set', async () => {
    const { client, service } = open();
    const bad = await client.invoke('remote.configure', { url: 'http://box:6379' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'url' } });
    expect(await client.invoke('remote.status', {})).toMatchObject({ ok: true, value: { configured: false } });
    const r = await client.invoke('runs.start', { spec, on: 'remote' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_state', field: 'on' } });
    await service.close();
  });

  it('set, it takes runs asked for it; the rest train here; a waiting remote run cancels at once', async () => {
    const { client, service } = open();
    const set = await client.invoke('remote.configure', { url: redis.url });
    expect(set).toMatchObject({ ok: true, value: { configured: true, url: redis.url, isDefault: false } });
    const here = await client.invoke('runs.start', { spec });
    if (!here.ok) throw new Error(here.error.message);
    const there = await client.invoke('runs.start', { spec, on: 'remote' });
    if (!there.ok) throw new Error(there.error.message);
    await service.scheduler.idle();
    const [remoteId] = there.value.runIds;
    expect(await client.invoke('runs.get', { id: here.value.runIds[0] })).toMatchObject({
      value: { status: 'completed', remote: false, machine: null },
    });
    expect(await client.invoke('runs.get', { id: remoteId })).toMatchObject({
      value: { status: 'queued', remote: true, attempts: 0 },
    });
    expect(await client.invoke('remote.status', {})).toMatchObject({ value: { openRuns: 1 } });
    expect(await client.invoke('runs.cancel', { id: remoteId })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await client.invoke('runs.get', { id: remoteId })).toMatchObject({
      value: { status: 'cancelled', error: 'cancelled before it started' },
    });
    expect(await client.invoke('remote.configure', { url: null })).toMatchObject({ value: { configured: false } });
    await service.close();
  });
});
