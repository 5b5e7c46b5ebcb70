/**
 * The service preflights every spec where the renderer's and the web's requests enter: data roots
 * (serve mode), data files and the memory budget are checked before anything is created.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLocalClient } from '../../../src/api/local-client.ts';
import type { ServiceOptions } from '../../../src/api/service.ts';
import { openCliService } from '../../../src/cli/database.ts';
import { useTempDirs } from '../store/temp-dirs.ts';
import { autoJobs } from './fake-jobs.ts';

const tempDir = useTempDirs();
const IDX = fileURLToPath(new URL('../../bad-input/idx/', import.meta.url));

/** A service over a database that does not exist yet: it is created only when something is stored. */
function open(o: Partial<ServiceOptions> & { door?: 'local' | 'web' } = {}) {
  const dbPath = join(tempDir(), 'w.db');
  const { door = 'local', ...extra } = o;
  const service = openCliService({ dbPath, door, note: () => {} }, { startJob: autoJobs(), ...extra });
  return { client: createLocalClient(service), service, dbPath };
}

const idxSpec = (images: string, labels: string) => ({ epochs: 1, data: { kind: 'idx', images, labels } });

describe('service preflight', () => {
  it('serve mode refuses a data file outside the data roots, without reading or quoting it', async () => {
    const { client, service, dbPath } = open({ door: 'web', dataRoots: [join(tempDir(), 'data')] });
    const spec = idxSpec('/etc/passwd', '/etc/hostname');
    const r = await client.invoke('runs.start', { spec });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'data.images' } });
    if (r.ok) return;
    expect(r.error.message).toMatch(/\/etc\/passwd: is outside the data folders this server may read/);
    expect(r.error.message).not.toMatch(/root:|magic|0x/);
    const v = await client.invoke('spec.validate', { spec });
    expect(v).toMatchObject({
      ok: true,
      value: { ok: false, issues: [{ field: 'data.images' }, { field: 'data.labels' }] },
    });
    await service.close();
    expect(existsSync(dbPath)).toBe(false);
  });

  it('serve mode still trains on files inside its data roots', async () => {
    const { client, service, dbPath } = open({ door: 'web', dataRoots: [IDX] });
    const spec = idxSpec(join(IDX, 'train-images-idx3-ubyte'), join(IDX, 'train-labels-idx1-ubyte'));
    const v = await client.invoke('spec.validate', { spec });
    expect(v).toMatchObject({ ok: true, value: { ok: true, runs: 1 } });
    await service.close();
    expect(existsSync(dbPath)).toBe(false);
  });

  it('an over-budget spec is refused with the estimated memory, nothing created', async () => {
    const { client, service, dbPath } = open({ maxMemory: 1024 * 1024 });
    const spec = { epochs: 1, data: { kind: 'shapes', trainCount: 4000 } };
    const r = await client.invoke('runs.start', { spec });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    if (r.ok) return;
    expect(r.error.message).toMatch(/estimated [\d.]+ MiB > budget 1(\.0)? MiB: data [\d.]+ \w+ \(4\d{3} × /);
    const v = await client.invoke('spec.validate', { spec });
    expect(v.ok && v.value.issues[0].message).toMatch(/^estimated /);
    await service.close();
    expect(existsSync(dbPath)).toBe(false);
  });

  it.each([
    ['local', undefined],
    ['web', ['/dev']],
  ] as const)('data.images "/dev/zero" is refused in under 2 s (%s door), nothing created', async (door, roots) => {
    const { client, service, dbPath } = open({ door, dataRoots: roots ? [...roots] : undefined });
    const t0 = performance.now();
    const r = await client.invoke('runs.start', { spec: idxSpec('/dev/zero', '/dev/zero') });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r).toMatchObject({ ok: false, error: { field: 'data.images' } });
    expect(!r.ok && r.error.message).toMatch(/not a regular file/);
    await service.close();
    expect(existsSync(dbPath)).toBe(false);
  });
});
