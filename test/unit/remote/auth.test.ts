/**
 * Security: a Redis server with an ACL user and no default access. The password comes from
 * $GRADIENT_WORKBENCH_REDIS_PASSWORD (never the URL); with it runs are submitted, without it the
 * server refuses and the request fails saying so instead of waiting forever.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLocalClient } from '../../../src/api/local-client.ts';
import { openCliService } from '../../../src/cli/database.ts';
import { PASSWORD_ENV } from '../../../src/remote/connection.ts';
import { startRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { autoJobs } from '../api/fake-jobs.ts';
import { useTempDirs } from '../store/temp-dirs.ts';

const tempDir = useTempDirs();
let redis: TestRedis;
beforeAll(
  async () =>
    void (redis = await startRedis([
      '--user',
      'default',
      'off',
      '--user',
      'trainer',
      'on',
      '>s3cret',
      '~*',
      '&*',
      '+@all',
    ])),
);
afterAll(() => redis.stop());
afterEach(() => void delete process.env[PASSWORD_ENV]);

const spec = { epochs: 1, data: { kind: 'shapes', imageSize: 8, trainCount: 32, valCount: 8 } };
const url = () => `redis://trainer@127.0.0.1:${redis.port}`;

function open() {
  const service = openCliService(
    { dbPath: join(tempDir(), 'a.db'), door: 'local', note: () => {}, remote: { url: url() } },
    { startJob: autoJobs() },
  );
  return { client: createLocalClient(service), service };
}

describe('Redis ACL user', () => {
  it('with the password from the environment, runs are queued', async () => {
    process.env[PASSWORD_ENV] = 's3cret';
    const { client, service } = open();
    const r = await client.invoke('runs.start', { spec });
    expect(r).toMatchObject({ ok: true });
    expect(await client.invoke('remote.status', {})).toMatchObject({ value: { configured: true, openRuns: 1 } });
    await service.close();
  });

  it('without it the server refuses, and the request says so', async () => {
    process.env[PASSWORD_ENV] = 'wrong';
    const { client, service } = open();
    const r = await client.invoke('runs.start', { spec });
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error.message).toMatch(/WRONGPASS|NOAUTH|invalid username-password/i);
    await service.close();
  }, 30_000);
});
