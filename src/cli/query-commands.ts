/** `list`, `show` and `delete`: reading and pruning the run store from a terminal. */
import { RUN_STATUSES, type RunStatus } from '../domain/run-status.ts';
import type { RunSummary } from '../store/index.ts';
import { CliError, EXIT, openCliStore } from './db.ts';
import { backendLine, epochLine } from './progress.ts';

export interface ListFlags {
  db?: string;
  status?: string;
  tag?: string;
  text?: string;
  limit?: string;
  json?: boolean;
}

const metricText = (r: RunSummary) =>
  Object.entries(r.finalMetrics)
    .filter(([task]) => !task.includes('@'))
    .flatMap(([task, m]) =>
      Object.entries(m)
        .filter(([k]) => k !== 'loss')
        .map(([k, v]) => `${task}.${k}=${v.toFixed(3)}`),
    )
    .join(' ');

export function listCommand(flags: ListFlags): number {
  if (flags.status && !RUN_STATUSES.includes(flags.status as RunStatus))
    throw new CliError(`--status: must be one of ${RUN_STATUSES.join(', ')}`, EXIT.badInput);
  const limit = flags.limit ? Number(flags.limit) : 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new CliError('--limit: must be an integer from 1 to 1000', EXIT.badInput);
  const store = openCliStore(flags.db, { write: false });
  const res = store.listRuns({
    status: flags.status as RunStatus | undefined,
    tag: flags.tag,
    text: flags.text,
    limit,
  });
  store.close();
  if (flags.json) {
    process.stdout.write(JSON.stringify(res) + '\n');
    return EXIT.ok;
  }
  if (!res.items.length) {
    process.stdout.write('no runs yet — start one with: gradient-workbench run examples/seed-cnn-cls-seg.json\n');
    return EXIT.ok;
  }
  for (const r of res.items) {
    const ratio = r.lastVanishingRatio ? `log10v=${Math.log10(r.lastVanishingRatio).toFixed(2)}` : '';
    process.stdout.write(
      [
        r.id,
        r.status.padEnd(11),
        r.createdAt.slice(0, 19),
        `${r.epochsDone}/${r.epochsPlanned}`,
        r.name,
        metricText(r),
        ratio,
      ]
        .filter(Boolean)
        .join('  ') + '\n',
    );
  }
  if (res.total > res.items.length) process.stdout.write(`… ${res.total - res.items.length} more (use --limit)\n`);
  return EXIT.ok;
}

export function showCommand(id: string, flags: { db?: string; json?: boolean }): number {
  const store = openCliStore(flags.db, { write: false });
  const run = store.getRun(id);
  if (!run) {
    store.close();
    throw new CliError(`no run with id ${id}`, EXIT.badInput);
  }
  const epochs = store.getEpochs(id);
  store.close();
  if (flags.json) {
    process.stdout.write(JSON.stringify({ ...run, epochs }) + '\n');
    return EXIT.ok;
  }
  const lines = [
    `${run.name || '(unnamed)'}  [${run.status}]  ${run.id}`,
    `experiment: ${run.experimentName ?? '—'}   tags: ${run.tags.join(', ') || '—'}`,
    `created ${run.createdAt}   epochs ${run.epochsDone}/${run.epochsPlanned}${run.durationMs !== null ? `   took ${(run.durationMs / 1000).toFixed(1)} s` : ''}`,
    run.backend ? backendLine(run.backend) : 'backend: not started',
    ...(run.error ? [`note: ${run.error}`] : []),
    ...epochs.map(epochLine),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return EXIT.ok;
}

export function deleteCommand(ids: string[], flags: { db?: string }): number {
  const store = openCliStore(flags.db, { write: true });
  const missing = ids.filter((id) => !store.getRun(id));
  if (missing.length) {
    store.close();
    throw new CliError(`no run with id ${missing.join(', ')}; nothing deleted`, EXIT.badInput);
  }
  const n = store.deleteRuns(ids);
  store.close();
  process.stdout.write(`deleted ${n} run(s)\n`);
  return EXIT.ok;
}
