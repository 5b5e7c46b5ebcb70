/** The JSON export: everything stored about each run, epochs included. */
import type { EpochRecord } from '../domain/records.ts';
import type { RunDetail } from '../domain/runs.ts';
import { toJson } from '../store/codec.ts';
import { runsWithEpochs, type ExportSource } from './run-columns.ts';

export const JSON_EXPORT_FORMAT = 'gradient-workbench/v1';

export interface ExportedRun extends RunDetail {
  epochs: EpochRecord[];
}

export interface JsonExport {
  format: typeof JSON_EXPORT_FORMAT;
  runs: ExportedRun[];
}

/** Deterministic: no export timestamp, so the same database gives the same document. */
export function exportJson(source: ExportSource, runIds: readonly string[]): JsonExport {
  const runs = [...runsWithEpochs(source, runIds)].map(({ run, epochs }) => ({ ...run, epochs }));
  return { format: JSON_EXPORT_FORMAT, runs };
}

/**
 * The export as JSON text. NaN and ±Infinity (a diverged epoch) become the strings "NaN",
 * "Infinity", "-Infinity", where plain JSON.stringify would silently write null.
 */
export function stringifyJsonExport(doc: JsonExport, indent = 0): string {
  return indent > 0 ? JSON.stringify(JSON.parse(toJson(doc)), null, indent) : toJson(doc);
}
