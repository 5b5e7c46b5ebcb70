/** The long (tidy) CSV: one row per run × epoch × series. */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { epochCells, partialCell } from './series.ts';
import { CSV_OPTIONS, RUN_COLUMNS, runCells, runsWithEpochs, type CsvCell, type ExportSource } from './run-columns.ts';

export const LONG_COLUMNS = [...RUN_COLUMNS, 'epoch', 'partial', 'split', 'subject', 'series', 'value'] as const;

/** Data rows (no header), produced one run at a time. */
export function* csvLongRows(source: ExportSource, runIds: readonly string[]): Generator<CsvCell[]> {
  for (const { run, epochs } of runsWithEpochs(source, runIds)) {
    const lead = runCells(run);
    for (const rec of epochs)
      for (const c of epochCells(rec))
        yield [...lead, rec.epoch, partialCell(rec), c.split, c.subject, c.series, c.value];
  }
}

export function exportCsvLong(source: ExportSource, runIds: readonly string[]): string {
  return stringifySync([[...LONG_COLUMNS], ...csvLongRows(source, runIds)], CSV_OPTIONS);
}

/** The same CSV as a stream of text, for exports too large to hold as one string. */
export function exportCsvLongStream(source: ExportSource, runIds: readonly string[]): Readable {
  const rows = (function* () {
    yield [...LONG_COLUMNS] as CsvCell[];
    yield* csvLongRows(source, runIds);
  })();
  return Readable.from(rows).pipe(stringify(CSV_OPTIONS));
}
