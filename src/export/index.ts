/** Export: pure functions of what the store holds. */
export { exportCsvLong, exportCsvLongStream, csvLongRows, LONG_COLUMNS } from './csv-long.ts';
export { exportCsvWide } from './csv-wide.ts';
export { exportJson, stringifyJsonExport, JSON_EXPORT_FORMAT, type JsonExport, type ExportedRun } from './json.ts';
export { epochCells, LAYER_SERIES, type Cell } from './series.ts';
export { RUN_COLUMNS, type ExportSource } from './run-columns.ts';
