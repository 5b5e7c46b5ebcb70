/** The bench's pure parts: which rows it measures, the ratios, and the tables a person reads. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/index.ts';
import { type BenchRow, formatSummary, formatSweep, formatTable, speedRatio } from '../../../bench/summary.ts';
import { sweepRuns } from '../../../bench/sweep.ts';
import { peerThreadCounts, variantsFor } from '../../../bench/variants.ts';
import { BACKEND, makeSpec } from '../store/fixtures/records.ts';
import { useTempDirs } from '../store/temp-dirs.ts';

const tempDir = useTempDirs();

describe('variantsFor', () => {
  it('wasm with the tier: the tier at 1 thread, at every core, then wasm alone', () => {
    const rows = variantsFor('wasm', true, 4);
    expect(rows.map((v) => [v.label, v.nativeTier, v.blasThreads, v.peerThreads])).toEqual([
      ['wasm + native tier', true, 1, 1],
      ['wasm + native tier, 4 BLAS threads', true, 4, 4],
      ['wasm alone', false, null, 1],
    ]);
  });

  it('wasm without the tier, or on one core, has no row that cannot differ', () => {
    expect(variantsFor('wasm', false, 4).map((v) => v.label)).toEqual(['wasm alone']);
    expect(variantsFor('wasm', true, 1).map((v) => v.label)).toEqual(['wasm + native tier', 'wasm alone']);
  });

  it('other backends: one row each; PyTorch thread counts to measure, once each', () => {
    expect(variantsFor('tensorflow', true, 8).map((v) => [v.label, v.nativeTier, v.peerThreads])).toEqual([
      ['tensorflow', null, 8],
    ]);
    const all = (['tensorflow', 'wasm', 'cpu'] as const).flatMap((b) => variantsFor(b, true, 8));
    expect(peerThreadCounts(all)).toEqual([1, 8]);
  });
});

describe('the summary', () => {
  const row: BenchRow = {
    model: 'mlp',
    variant: 'wasm + native tier',
    threads: '1 BLAS',
    msPerStep: 20,
    samplesPerSec: 6400,
    pytorch: { msPerStep: 10, threads: 1, blasThreads: 2 },
    pytorchSame: { msPerStep: 12.5, threads: 1, blasThreads: 1 },
  };

  it('ratio: PyTorch’s time over ours', () => {
    expect(speedRatio(10, 20)).toBe(0.5);
    expect(speedRatio(30, 10)).toBe(3);
  });

  it('pads columns to the widest cell, numbers to the right', () => {
    expect(
      formatTable(
        ['a', 'n'],
        [
          ['xyz', '1'],
          ['b', '100'],
        ],
        [false, true],
      ),
    ).toBe('a      n\n---  ---\nxyz    1\nb    100');
  });

  it('one line per row with both PyTorch figures and ratios; dashes where there is no peer', () => {
    const lines = formatSummary([row, { ...row, model: 'defaults', pytorch: undefined, pytorchSame: undefined }]).split(
      '\n',
    );
    expect(lines).toHaveLength(5);
    expect(lines[3].split(/\s{2,}/)).toEqual([
      'mlp',
      'wasm + native tier',
      '1 BLAS',
      '20.00',
      '6400',
      '10.00',
      'torch 1, BLAS 2',
      '0.50',
      '12.50 (torch 1, BLAS 1)',
      '0.63',
    ]);
    expect(lines[4].split(/\s{2,}/).slice(5)).toEqual(['—', '—', '—', '—', '—']);
  });
});

describe('the sweep', () => {
  it('reads each run’s seconds and start from the database the sweep wrote, in start order', () => {
    const path = join(tempDir(), 'sweep.db');
    const store = openStore(path);
    const ids = ['late', 'early'].map((name) =>
      store.createRun({ spec: makeSpec({ name }), name, tags: [], notes: '' }),
    );
    ids.forEach((id) => store.markRunning(id, BACKEND));
    store.finishRun(ids[0], 'completed');
    const times = store.db.prepare('UPDATE runs SET started_at = ?, finished_at = ? WHERE id = ?');
    times.run(5_000, 12_500, ids[0]);
    times.run(1_000, null, ids[1]);
    store.close();
    const runs = sweepRuns(path);
    expect(runs).toEqual([
      { name: 'early', status: 'running', seconds: null, startedAfter: 0, backend: BACKEND.detail },
      { name: 'late', status: 'completed', seconds: 7.5, startedAfter: 4, backend: BACKEND.detail },
    ]);
    const text = formatSweep({
      example: 'examples/lambda-sweep.json',
      exitCode: 0,
      wallSeconds: 9.5,
      parallel: 2,
      loadBefore: 0.1,
      loadAfter: 1.9,
      runs,
    });
    expect(text).toMatch(/^examples\/lambda-sweep\.json: 9\.5 s end to end \(exit 0\), 2 at once; load average 0\.1/);
    expect(text.split('\n')[4].split(/\s{2,}/)).toEqual(['late', 'completed', '7.50', '4.00', BACKEND.detail]);
  });
});
