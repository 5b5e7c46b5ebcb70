/** The wide CSV: one row per run × epoch, one column per series (union over the runs exported). */
import { stringify } from 'csv-stringify/sync';
import { epochCells, partialCell } from './series.ts';
import { CSV_OPTIONS, RUN_COLUMNS, runCells, runsWithEpochs, type CsvCell, type ExportSource } from './run-columns.ts';

/**
 * Columns appear in the order first met (run by run, epoch by epoch); a series a row lacks is
 * an empty cell. Holds every row in memory, since the header needs the full column set.
 */
export function exportCsvWide(source: ExportSource, runIds: readonly string[]): string {
  const columns = new Map<string, number>();
  const rows: Array<{ lead: CsvCell[]; values: Map<number, number> }> = [];
  for (const { run, epochs } of runsWithEpochs(source, runIds)) {
    const lead = runCells(run);
    for (const rec of epochs) {
      const values = new Map<number, number>();
      for (const c of epochCells(rec)) {
        if (!columns.has(c.column)) columns.set(c.column, columns.size);
        values.set(columns.get(c.column)!, c.value);
      }
      rows.push({ lead: [...lead, rec.epoch, partialCell(rec)], values });
    }
  }
  const header = [...RUN_COLUMNS, 'epoch', 'partial', ...columns.keys()];
  const body = rows.map(({ lead, values }) => [
    ...lead,
    ...Array.from({ length: columns.size }, (_, i) => values.get(i) ?? null),
  ]);
  return stringify([header, ...body], CSV_OPTIONS);
}
