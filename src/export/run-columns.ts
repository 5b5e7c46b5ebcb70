/** The per-run leading columns both CSV shapes share, and how runs are fetched for export. */
import type { EpochRecord } from '../domain/records.ts';
import type { RunDetail } from '../domain/runs.ts';
import { NotFoundError } from '../store/errors.ts';

/** What export reads from a store; a RunStore satisfies it. */
export interface ExportSource {
  getRun(id: string): RunDetail | null;
  getEpochs(id: string): EpochRecord[];
}

export const RUN_COLUMNS = [
  'run_id',
  'run_name',
  'experiment',
  'tags',
  'started_at',
  'duration_s',
  'seed_group',
] as const;

export type CsvCell = string | number | null;

/**
 * run_id, run_name, experiment, tags (';'-joined), started_at (ISO), duration_s (seconds), seed_group
 * (runs sharing it differ only by seed: average over them). Last, so older readers' columns keep their place.
 */
export function runCells(run: RunDetail): CsvCell[] {
  return [
    run.id,
    run.name,
    run.experimentName ?? '',
    run.tags.join(';'),
    run.startedAt ?? '',
    run.durationMs === null ? null : run.durationMs / 1000,
    run.seedGroup,
  ];
}

/** Each run (duplicates dropped, order kept) with its epochs, one at a time so memory holds one run. */
export function* runsWithEpochs(
  source: ExportSource,
  runIds: readonly string[],
): Generator<{ run: RunDetail; epochs: EpochRecord[] }> {
  for (const id of new Set(runIds)) {
    const run = source.getRun(id);
    if (run === null) throw new NotFoundError('run', id);
    yield { run, epochs: source.getEpochs(id) };
  }
}

/**
 * A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR first, after any
 * leading white space — spreadsheets skip it) gets a leading apostrophe. Number cells, negative ones
 * included, are not strings and are left alone.
 */
export function neutraliseFormula(text: string): string {
  return /^\s*[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * csv-stringify options: RFC 4180 (CRLF, quotes doubled) and every cell holding a CR or LF quoted —
 * csv-stringify by itself quotes only the whole record delimiter (CRLF), so a lone LF or CR in a run
 * name split the record. Formulas are neutralised by `neutraliseFormula`.
 */
export const CSV_OPTIONS = {
  record_delimiter: '\r\n',
  quoted_match: /[\r\n]/,
  cast: { string: neutraliseFormula },
} as const;
