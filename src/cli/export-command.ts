/** `export <id…> --format csv|csv-wide|json [--out file]`: a pure function of what is stored. */
import { writeFileSync } from 'node:fs';
import { exportCsvLong, exportCsvWide, exportJson, stringifyJsonExport } from '../export/index.ts';
import { CliError, EXIT, openCliStore } from './db.ts';

export const EXPORT_FORMATS = ['csv', 'csv-wide', 'json'] as const;

export function exportCommand(
  ids: string[],
  flags: { db?: string; format: string; out?: string; experiment?: string },
): number {
  if (!EXPORT_FORMATS.includes(flags.format as never))
    throw new CliError(`--format: must be one of ${EXPORT_FORMATS.join(', ')}`, EXIT.badInput);
  const store = openCliStore(flags.db, { write: false });
  try {
    const all = [...ids];
    if (flags.experiment)
      all.push(
        ...store
          .listRuns({ experimentId: flags.experiment, limit: 1000, sort: 'created', dir: 'asc' })
          .items.map((r) => r.id),
      );
    if (!all.length) throw new CliError('name at least one run id (or --experiment <id>)', EXIT.badInput);
    const missing = all.filter((id) => !store.getRun(id));
    if (missing.length) throw new CliError(`no run with id ${missing.join(', ')}`, EXIT.badInput);
    const text =
      flags.format === 'csv'
        ? exportCsvLong(store, all)
        : flags.format === 'csv-wide'
          ? exportCsvWide(store, all)
          : stringifyJsonExport(exportJson(store, all), 2) + '\n';
    if (flags.out) {
      writeFileSync(flags.out, text);
      process.stderr.write(`wrote ${flags.out} (${all.length} run(s), ${text.length} bytes)\n`);
    } else process.stdout.write(text);
    return EXIT.ok;
  } finally {
    store.close();
  }
}
