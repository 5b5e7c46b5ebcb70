/** The methods behind Settings and the Design form's data fields: app.configure, app.info's size, data.check. */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalClient } from '../../../src/api/local-client.ts';
import type { ServiceOptions } from '../../../src/api/service.ts';
import { openCliService } from '../../../src/cli/database.ts';
import { writeSet } from '../data/idx-helpers.ts';
import { makeSpec } from '../store/fixtures/records.ts';
import { useTempDirs } from '../store/temp-dirs.ts';
import { manualJobs } from './fake-jobs.ts';

const tempDir = useTempDirs();

function open(o: Partial<ServiceOptions> & { door?: 'local' | 'web' } = {}) {
  const dbPath = join(tempDir(), 'w.db');
  const { door = 'local', ...extra } = o;
  const jobs = manualJobs();
  const service = openCliService({ dbPath, door, note: () => {} }, { startJob: jobs.factory, ...extra });
  return { client: createLocalClient(service), service, dbPath, jobs };
}

describe('app.configure', () => {
  it('applies parallel to the scheduler at once: queued runs start when it grows', async () => {
    const { client, service, jobs } = open({ parallel: 1 });
    const ids = service.scheduler.enqueue([1, 2, 3].map((i) => makeSpec({ name: `r${i}` })));
    expect(jobs.started).toEqual(ids.slice(0, 1));
    expect(await client.invoke('app.configure', { parallel: 2 })).toEqual({ ok: true, value: { parallel: 2 } });
    expect(jobs.started).toEqual(ids.slice(0, 2));
    expect(await client.invoke('app.info', {})).toMatchObject({ ok: true, value: { parallel: 2 } });
    service.scheduler.cancelAll();
    await service.close();
  });

  it.each([
    [0, /parallel: .*>=1/],
    [1.5, /parallel: .*int/],
    ['4', /parallel: .*number/],
  ])('refuses parallel = %j naming the field and the rule', async (parallel, rule) => {
    const { client, service } = open();
    const r = await client.invoke('app.configure', { parallel } as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'parallel' } });
    if (!r.ok) expect(r.error.message).toMatch(rule);
    await service.close();
  });

  it('refuses more than twice the cores, saying the limit, and keeps the old value', async () => {
    const { client, service } = open({ parallel: 1 });
    const max = availableParallelism() * 2;
    const r = await client.invoke('app.configure', { parallel: max + 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'parallel' } });
    if (!r.ok) expect(r.error.message).toContain(`must be at most ${max}`);
    expect(service.scheduler.parallel).toBe(1);
    expect(await client.invoke('app.info', {})).toMatchObject({ ok: true, value: { maxParallel: max } });
    await service.close();
  });
});

describe('app.info', () => {
  it('reports the size of the database and its write-ahead log together', async () => {
    const { client, service, dbPath } = open();
    service.scheduler.enqueue([makeSpec({ name: 'stored' })]);
    const r = await client.invoke('app.info', {});
    if (!r.ok) throw new Error(r.error.message);
    const { statSync, existsSync } = await import('node:fs');
    const wal = existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0;
    expect(r.value.dbBytes).toBe(statSync(dbPath).size + wal);
    expect(r.value.dbBytes).toBeGreaterThan(0);
    service.scheduler.cancelAll();
    await service.close();
  });
});

describe('data.check', () => {
  it('gives the shape and count of valid images and labels', async () => {
    const dir = tempDir();
    const set = writeSet(dir, 'train', { count: 7, height: 5, width: 4, classes: 3 });
    const { client, service } = open();
    expect(await client.invoke('data.check', { path: set.images, kind: 'images' })).toMatchObject({
      ok: true,
      value: { ok: true, dims: [7, 5, 4], count: 7, path: set.images },
    });
    expect(await client.invoke('data.check', { path: set.labels, kind: 'labels' })).toMatchObject({
      ok: true,
      value: { ok: true, dims: [7], count: 7 },
    });
    await service.close();
  });

  it('says what is wrong: missing, not IDX, the wrong kind, a directory, unreadable', async () => {
    const dir = tempDir();
    const set = writeSet(dir, 'train', { count: 2, height: 2, width: 2, classes: 2 });
    writeFileSync(join(dir, 'notes.txt'), 'hello world');
    mkdirSync(join(dir, 'folder'));
    const { client, service } = open();
    const problem = async (path: string, kind: 'images' | 'labels') => {
      const r = await client.invoke('data.check', { path, kind });
      if (!r.ok || r.value.ok) throw new Error(`expected a problem for ${path}`);
      return r.value.problem;
    };
    expect(await problem(join(dir, 'missing'), 'images')).toBe('file not found');
    expect(await problem(join(dir, 'notes.txt'), 'images')).toMatch(/is not an IDX file/);
    expect(await problem(set.labels, 'images')).toMatch(/holds 1-D data; expected 3-D images/);
    expect(await problem(join(dir, 'folder'), 'labels')).toMatch(/is a directory/);
    if (process.getuid?.() !== 0) {
      chmodSync(set.images, 0o000);
      expect(await problem(set.images, 'images')).toMatch(/permission denied/);
    }
    await service.close();
  });

  it('names the field and the rule for bad input', async () => {
    const { client, service } = open();
    const empty = await client.invoke('data.check', { path: '', kind: 'images' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'path' } });
    const kind = await client.invoke('data.check', { path: '/x', kind: 'pixels' } as never);
    expect(kind).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'kind' } });
    await service.close();
  });

  it('serve mode: a path outside the data roots gets one answer, whether or not it exists', async () => {
    const root = join(tempDir(), 'data');
    const inside = writeSet(root, 'ok', { count: 2, height: 2, width: 2, classes: 2 });
    const { client, service } = open({ door: 'web', dataRoots: [root] });
    const outside = async (path: string) => {
      const r = await client.invoke('data.check', { path, kind: 'images' });
      if (!r.ok || r.value.ok) throw new Error(`expected a refusal for ${path}`);
      return r.value.problem;
    };
    const exists = await outside('/etc/passwd');
    expect(exists).toMatch(/is outside the data folders this server may read/);
    expect(await outside('/etc/no-such-file')).toBe(exists);
    expect(await outside(join(root, '..', 'escape'))).toBe(exists);
    expect(await client.invoke('data.check', { path: inside.images, kind: 'images' })).toMatchObject({
      ok: true,
      value: { ok: true, count: 2 },
    });
    await service.close();
  });
});
