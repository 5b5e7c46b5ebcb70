/** `repeat` through the service's door: runs.start stores one run per derived seed; spec.validate counts and refuses. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalClient } from '../../../src/api/local-client.ts';
import { openCliService } from '../../../src/cli/database.ts';
import { repeatSeeds } from '../../../src/experiment/repeat.ts';
import { useTempDirs } from '../store/temp-dirs.ts';
import { autoJobs } from './fake-jobs.ts';

const tempDir = useTempDirs();

function open() {
  const service = openCliService(
    { dbPath: join(tempDir(), 'r.db'), door: 'local', note: () => {} },
    { startJob: autoJobs() },
  );
  return { client: createLocalClient(service), service };
}

/** Until no run is queued or running: the fake jobs finish on later ticks, after which the store may close. */
async function settle(client: ReturnType<typeof open>['client']) {
  for (;;) {
    const a = await client.invoke('runs.active', {});
    if (a.ok && !a.value.running.length && !a.value.queued.length) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('repeat through the service', () => {
  it('runs.start {spec with repeat 3}: three runs in one seed group, each stored with its seed and no repeat', async () => {
    const { client, service } = open();
    const r = await client.invoke('runs.start', { spec: { name: 'r', seed: 7, epochs: 1, repeat: 3 } });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.runIds).toHaveLength(3);
    expect(r.value.experimentId).toBeNull();
    const runs = await Promise.all(r.value.runIds.map((id) => client.invoke('runs.get', { id })));
    const details = runs.map((x) => (x.ok ? x.value : null)!);
    expect(details.map((d) => d.spec.seed).sort()).toEqual(repeatSeeds(7, 3).sort());
    for (const d of details) expect(d.spec).not.toHaveProperty('repeat');
    expect(new Set(details.map((d) => d.seedGroup)).size).toBe(1);
    await settle(client);
    await service.close();
  });

  it('spec.validate counts repeat × sweep points and names repeat when it breaks its rule', async () => {
    const { client, service } = open();
    const ok = await client.invoke('spec.validate', {
      experiment: { name: 'e', sweep: { 'optimizer.learningRate': [0.01, 0.1] }, repeat: 3 },
    });
    expect(ok).toMatchObject({ ok: true, value: { ok: true, runs: 6 } });
    const bad = await client.invoke('spec.validate', { spec: { repeat: 101 } });
    expect(bad).toMatchObject({
      ok: true,
      value: { ok: false, issues: [{ field: 'repeat', message: 'must be at most 100' }] },
    });
    await service.close();
  });
});
