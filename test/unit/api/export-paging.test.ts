/** Export of an experiment pages through every run: no cap at the list's page size. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalClient } from '../../../src/api/local-client.ts';
import { Service } from '../../../src/api/service.ts';
import { openStore } from '../../../src/store/index.ts';
import { runInProcess } from '../cli/cli-harness.ts';
import { makeSpec } from '../store/fixtures/records.ts';
import { useTempDirs } from '../store/temp-dirs.ts';

const tempDir = useTempDirs();
const RUNS = 1205;

/** A database with RUNS runs in one experiment (no training) plus one run outside it. */
function seeded(): { dbPath: string; experimentId: string; ids: string[] } {
  const dbPath = join(tempDir(), 'many.db');
  const store = openStore(dbPath);
  const spec = makeSpec();
  const experimentId = store.createExperiment({ name: 'big sweep', sweep: {} });
  const ids = store.db.transaction(() =>
    Array.from({ length: RUNS }, (_, i) => store.createRun({ spec, name: `r${i}`, tags: [], notes: '', experimentId })),
  )();
  store.createRun({ spec, name: 'outside', tags: [], notes: '' });
  store.close();
  return { dbPath, experimentId, ids };
}

describe('export --experiment', () => {
  it(`runs.export returns all ${RUNS} runs of the experiment, each once`, async () => {
    const { dbPath, experimentId, ids } = seeded();
    const service = new Service({ store: openStore(dbPath), dbPath });
    const r = await createLocalClient(service).invoke('runs.export', { ids: [], experimentId, format: 'json' });
    await service.close();
    expect(r.ok).toBe(true);
    const runs = r.ok ? (JSON.parse(r.value.content) as { runs: Array<{ id: string }> }).runs : [];
    // the same millisecond orders by id, so compare as sorted lists: each run once, none missing
    expect(runs.map((x) => x.id).sort()).toEqual([...ids].sort());
  });

  it(`the CLI writes every one of the ${RUNS} runs`, async () => {
    const { dbPath, experimentId, ids } = seeded();
    const out = join(tempDir(), 'all.json');
    const r = await runInProcess([
      'export',
      '--experiment',
      experimentId,
      '--format',
      'json',
      '--out',
      out,
      '--db',
      dbPath,
    ]);
    expect(r.code).toBe(0);
    const runs = (JSON.parse(readFileSync(out, 'utf8')) as { runs: Array<{ id: string }> }).runs;
    expect(runs.map((x) => x.id).sort()).toEqual([...ids].sort());
  });
});
