import { text } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { exportCsvLong, exportCsvLongStream, LONG_COLUMNS } from '../../../src/export/csv-long.ts';
import { exportCsvWide } from '../../../src/export/csv-wide.ts';
import { seedGroupKey } from '../../../src/domain/seed-group.ts';
import { NotFoundError } from '../../../src/store/errors.ts';
import { BACKEND, makeEpoch, makeSpec } from '../store/fixtures/records.ts';
import { EXPERIMENT_NAME, exportFixture, NASTY_NAME, seriesCount, type ExportFixture } from './export-fixture.ts';

let fx: ExportFixture;
afterEach(() => fx?.store.close());

type Row = Record<string, string>;
const parseCsv = (csv: string): Row[] => parse(csv, { columns: true, record_delimiter: '\r\n' }) as Row[];

describe('long CSV', () => {
  it('has one header and one row per run × epoch × stored series', () => {
    fx = exportFixture();
    const csv = exportCsvLong(fx.store, fx.ids);
    expect(csv.slice(0, csv.indexOf('\r\n'))).toBe(LONG_COLUMNS.join(','));
    const rows = parseCsv(csv);
    const expected = Object.values(fx.written)
      .flat()
      .reduce((n, rec) => n + seriesCount(rec), 0);
    expect(rows).toHaveLength(expected);
    for (const id of fx.ids)
      for (const rec of fx.written[id])
        expect(rows.filter((r) => r.run_id === id && r.epoch === String(rec.epoch))).toHaveLength(seriesCount(rec));
  });

  it('quotes commas, quotes and newlines, neutralises formulas in text, leaves numbers alone', () => {
    fx = exportFixture();
    const rows = parseCsv(exportCsvLong(fx.store, fx.ids));
    const [a, b] = fx.ids;
    const first = rows.find((r) => r.run_id === a)!;
    expect(first.run_name).toBe(`'${NASTY_NAME}`);
    expect(first.tags).toBe("'+t;plain");
    expect(first.experiment).toBe(`'${EXPERIMENT_NAME}`);
    expect(first.started_at).toBe('2025-03-03T04:05:06.000Z');
    expect(first.duration_s).toBe('12.5');
    expect(rows.find((r) => r.run_id === b)!.run_name).toBe("'-minus");
    for (const r of rows) expect(Number.isFinite(Number(r.value)), JSON.stringify(r)).toBe(true);
    const actMean = rows.find(
      (r) => r.run_id === a && r.epoch === '1' && r.subject === 'trunk.1' && r.series === 'act_mean',
    )!;
    expect(actMean.value).toBe('-0.125');
    const cosine = rows.find((r) => r.run_id === a && r.epoch === '1' && r.series === 'cosine(cls,seg)')!;
    expect(cosine).toMatchObject({ split: '', subject: '', value: String(fx.written[a][0].taskCosines[0].cosine) });
    expect(Number(cosine.value)).toBeLessThan(0);
    const loss = rows.find(
      (r) => r.run_id === a && r.epoch === '2' && r.split === 'val' && r.subject === 'cls' && r.series === 'loss',
    )!;
    expect(Number(loss.value)).toBe(1.1 / 2);
  });

  it('streams the same text', async () => {
    fx = exportFixture();
    expect(await text(exportCsvLongStream(fx.store, fx.ids))).toBe(exportCsvLong(fx.store, fx.ids));
  });

  it('names an unknown run', () => {
    fx = exportFixture();
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(() => exportCsvLong(fx.store, [missing])).toThrow(NotFoundError);
    expect(() => exportCsvWide(fx.store, [missing])).toThrow(missing);
  });
});

describe('wide CSV', () => {
  it('has one row per run × epoch and a column per series', () => {
    fx = exportFixture();
    const rows = parseCsv(exportCsvWide(fx.store, fx.ids));
    expect(rows).toHaveLength(5);
    const [a] = fx.ids;
    const row1 = rows[0];
    expect(row1).toMatchObject({ run_id: a, run_name: `'${NASTY_NAME}`, epoch: '1', tags: "'+t;plain" });
    const rec = fx.written[a][0];
    expect(Number(row1['val/cls/loss'])).toBe(rec.metrics[1].value);
    expect(Number(row1['layer/trunk.1/grad_l2'])).toBe(rec.layers[0].gradL2);
    expect(Number(row1['layer/trunk.2/act_mean'])).toBe(-0.25);
    expect(Number(row1.vanishing_ratio)).toBe(rec.vanishingRatio);
    expect(Number(row1['weight/seg'])).toBe(0.3);
    expect(Number(row1['cosine(cls,seg)'])).toBe(rec.taskCosines[0].cosine);
    expect(Number(row1['task_grad_norm/cls'])).toBe(rec.taskGrads[0].norm);
    expect(Number(row1.health_dz_ratio)).toBe(rec.health.dzRatio);
    expect(Number(row1.health_alive)).toBe(rec.health.alive);
    expect(Number(row1.health_weakest_log10)).toBe(rec.health.weakestLog10);
    expect(rec.health.deadLayers!.length).toBeGreaterThan(0);
    for (const dead of rec.health.deadLayers!) expect(row1[`health_dead/${dead}`]).toBe('1');
    // epoch 2 was not probed: its probe columns are empty, not zero
    expect(rows[1]).toMatchObject({ epoch: '2', 'layer/trunk.1/dz_l2': '', 'cosine(cls,seg)': '' });
    const columns = Object.keys(row1);
    expect(new Set(columns).size).toBe(columns.length);
    // every cell of every series column is a number or empty
    for (const r of rows)
      for (const c of columns.slice(columns.indexOf('partial') + 1))
        expect(r[c] === '' || Number.isFinite(Number(r[c])), `${c}=${r[c]}`).toBe(true);
  });
});

describe('CSV cells that could break a record or run in a spreadsheet', () => {
  const run = (name: string) => ({
    id: 'r1',
    name,
    experimentName: null,
    tags: [],
    startedAt: null,
    durationMs: null,
  });
  it('quotes a lone LF or CR so the record stays whole, and neutralises formulas after leading white space', async () => {
    const { runCells, CSV_OPTIONS, RUN_COLUMNS } = await import('../../../src/export/run-columns.ts');
    const { stringify } = await import('csv-stringify/sync');
    const names = ['a\n=1+1', 'b\r=1+1', ' =1+1', '\t@SUM(A1)', '  -2+3', 'plain', '-5 is text'];
    const csv = stringify(
      names.map((n) => runCells(run(n) as never)),
      CSV_OPTIONS,
    );
    // a spreadsheet ends a record at CRLF, LF or CR alike
    const rows = parse(csv, { record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true }) as string[][];
    expect(rows).toHaveLength(names.length);
    expect(rows.map((r) => r[1])).toEqual([
      'a\n=1+1',
      'b\r=1+1',
      "' =1+1",
      "'\t@SUM(A1)",
      "'  -2+3",
      'plain',
      "'-5 is text",
    ]);
    for (const r of rows) expect(r).toHaveLength(RUN_COLUMNS.length); // every record whole: the run columns, no split
  });
});

describe('seed groups in the CSV', () => {
  it('long and wide CSV carry seed_group: equal for runs that differ only by seed, different otherwise', () => {
    fx = exportFixture();
    const [a, b] = fx.ids;
    const twin = fx.store.createRun({ spec: makeSpec({ epochs: 3, seed: 9 }), name: 'twin', tags: ['x'], notes: '' });
    fx.store.markRunning(twin, BACKEND);
    fx.store.appendEpoch(twin, makeEpoch(1));
    const ids = [a, b, twin];
    for (const rows of [parseCsv(exportCsvLong(fx.store, ids)), parseCsv(exportCsvWide(fx.store, ids))]) {
      const group = (id: string) => [...new Set(rows.filter((r) => r.run_id === id).map((r) => r.seed_group))];
      expect(group(a)).toEqual([seedGroupKey(makeSpec({ epochs: 3 }))]);
      expect(group(twin)).toEqual(group(a));
      expect(group(b)).toHaveLength(1);
      expect(group(b)).not.toEqual(group(a));
    }
  });
});
