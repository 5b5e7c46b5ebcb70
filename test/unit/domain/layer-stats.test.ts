/** The one table of layer statistics agrees with the stored schema and with data already on disk. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPARE_LAYER_FIELDS } from '../../../src/domain/compare.ts';
import { LAYER_STATS } from '../../../src/domain/layer-stats.ts';
import { EVENTS } from '../../../src/api/contract.ts';
import { openDatabase } from '../../../src/store/database.ts';
import { INSERT_LAYER } from '../../../src/store/layer-columns.ts';
import { LAYER_SERIES } from '../../../src/export/series.ts';

const NOT_STATISTICS = ['run_id', 'epoch', 'layer_index', 'layer', 'kind', 'trunk', 'params'];
const HISTOGRAM = ['hist_min', 'hist_max', 'hist_counts', 'nan_mask'];

describe('LAYER_STATS', () => {
  it('names each statistic, column and series once', () => {
    for (const key of ['field', 'column', 'series', 'label'] as const)
      expect(new Set(LAYER_STATS.map((s) => s[key])).size, key).toBe(LAYER_STATS.length);
  });

  it('has exactly the statistic columns of the migrated layer_stats table, and INSERT fills every column', () => {
    const { db } = openDatabase(':memory:');
    const columns = (db.prepare('PRAGMA table_info(layer_stats)').all() as Array<{ name: string }>).map((c) => c.name);
    db.close();
    const stats = columns.filter((c) => !NOT_STATISTICS.includes(c) && !HISTOGRAM.includes(c));
    expect([...stats].sort()).toEqual(LAYER_STATS.map((s) => s.column).sort());
    const inserted = /\(([^)]*)\) VALUES/.exec(INSERT_LAYER)![1].split(', ');
    expect([...inserted].sort()).toEqual([...columns].sort());
  });

  it('keeps the nan_mask bits data on disk was written with: one per nullable statistic, never reused', () => {
    const bits = Object.fromEntries(LAYER_STATS.filter((s) => s.nanBit !== null).map((s) => [s.field, s.nanBit]));
    expect(bits).toEqual({
      dzL2: 0,
      dzStd: 1,
      actMean: 2,
      actStd: 3,
      actSaturation: 4,
      dzRms: 5,
      gradZeroFrac: 6,
      gradLog10P05: 7,
      gradLog10P50: 8,
      gradLog10P95: 9,
      updateRatioEpoch: 10,
      updateRms: 11,
    });
    for (const s of LAYER_STATS) expect(s.nanBit !== null, s.field).toBe(s.nullable);
  });

  it('keeps the CSV series and Compare defaults of before the table existed first, then those of 0003', () => {
    expect(LAYER_SERIES.map(([, series]) => series)).toEqual([
      'grad_l2',
      'grad_mean_abs',
      'grad_std',
      'grad_max_abs',
      'grad_small_frac',
      'dz_l2',
      'dz_std',
      'weight_l2',
      'update_ratio',
      'act_mean',
      'act_std',
      'act_saturation',
      'grad_rms',
      'dz_rms',
      'grad_zero_frac',
      'grad_log10_p05',
      'grad_log10_p50',
      'grad_log10_p95',
      'update_ratio_epoch',
      'update_rms',
    ]);
    expect(DEFAULT_COMPARE_LAYER_FIELDS).toEqual(['gradL2', 'dzL2', 'updateRatio', 'gradRms', 'dzRms']);
  });
});

describe('EVENTS', () => {
  it('lists every event of the contract once', () => {
    expect(EVENTS).toEqual(['run.started', 'run.progress', 'run.epoch', 'run.finished', 'runs.changed']);
  });
});
