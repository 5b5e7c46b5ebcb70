/** A diverged run's partial epoch keeps its mark in every export shape. */
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { exportCsvLong } from '../../../src/export/csv-long.ts';
import { exportCsvWide } from '../../../src/export/csv-wide.ts';
import { exportJson, stringifyJsonExport } from '../../../src/export/json.ts';
import { openStore, type RunStore } from '../../../src/store/run-store.ts';
import { BACKEND, makeEpoch, makePartialEpoch, makeSpec } from '../store/fixtures/records.ts';

let store: RunStore;
afterEach(() => store?.close());

function divergedRun(): string {
  store = openStore(':memory:');
  const id = store.createRun({ spec: makeSpec(), name: 'boom', tags: [], notes: '' });
  store.markRunning(id, BACKEND);
  store.appendEpoch(id, makeEpoch(1));
  store.appendEpoch(id, makePartialEpoch(2, 5, Number.POSITIVE_INFINITY));
  store.finishRun(id, 'diverged', 'loss became Infinity at epoch 2, batch 5 of 32');
  return id;
}

type Row = Record<string, string>;
const parseCsv = (csv: string): Row[] => parse(csv, { columns: true, record_delimiter: '\r\n' }) as Row[];

describe('export of a diverged run', () => {
  it('long CSV: a partial column, true on every row of the partial epoch only', () => {
    const id = divergedRun();
    const all = parseCsv(exportCsvLong(store, [id]));
    expect(new Set(all.filter((r) => r.epoch === '1').map((r) => r.partial))).toEqual(new Set(['false']));
    expect(new Set(all.filter((r) => r.epoch === '2').map((r) => r.partial))).toEqual(new Set(['true']));
  });

  it('wide CSV: a partial column after epoch', () => {
    const id = divergedRun();
    const csv = exportCsvWide(store, [id]);
    expect(csv.split('\r\n')[0]).toMatch(/,epoch,partial,/);
    expect(parseCsv(csv).map((r) => [r.epoch, r.partial])).toEqual([
      ['1', 'false'],
      ['2', 'true'],
    ]);
  });

  it('JSON: partial and where it diverged, the Infinity loss as the string "Infinity"', () => {
    const id = divergedRun();
    const doc = JSON.parse(stringifyJsonExport(exportJson(store, [id]))) as {
      runs: Array<{ epochs: Array<{ partial: boolean; divergence: unknown }> }>;
    };
    expect(doc.runs[0].epochs.map((e) => [e.partial, e.divergence])).toEqual([
      [false, null],
      [true, { batch: 5, batches: 32, loss: 'Infinity' }],
    ]);
  });
});
