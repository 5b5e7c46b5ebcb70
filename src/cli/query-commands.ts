/** `list`, `show` and `delete`: reading and pruning runs from a terminal, through the contract. */
import type { Input, Output } from '../api/contract.ts';
import { call, type CliContext, withService } from './context.ts';
import { EXIT } from './exit-codes.ts';
import { healthDetailText } from '../domain/health.ts';
import { resolveRunId, resolveRunIds } from './ids.ts';
import { backendLine, epochLine } from './progress.ts';
import { terminalText as safe } from './terminal-text.ts';

type RunStatus = NonNullable<Input<'runs.list'>['status']>;

export interface ListFlags {
  db?: string;
  status?: RunStatus;
  tag?: string;
  text?: string;
  limit?: number;
  json?: boolean;
}

type RunSummary = Output<'runs.list'>['items'][number];

const metricText = (r: RunSummary) =>
  Object.entries(r.finalMetrics)
    .filter(([task]) => !task.includes('@'))
    .flatMap(([task, m]) =>
      Object.entries(m)
        .filter(([k]) => k !== 'loss')
        .map(([k, v]) => `${task}.${k}=${v.toFixed(3)}`),
    )
    .join(' ');

function summaryLine(r: RunSummary): string {
  const ratio = r.lastVanishingRatio ? `log10v=${Math.log10(r.lastVanishingRatio).toFixed(2)}` : '';
  return [r.id, r.status.padEnd(11), r.createdAt.slice(0, 19), `${r.epochsDone}/${r.epochsPlanned}`, safe(r.name)]
    .concat(metricText(r), ratio)
    .filter(Boolean)
    .join('  ');
}

export function listCommand(ctx: CliContext, flags: ListFlags): Promise<number> {
  return withService(ctx, { ...flags, mustExist: true }, async ({ client }) => {
    const { status, tag, text, limit } = flags;
    const res = await call(client, 'runs.list', { status, tag, text, limit });
    const w = (s: string) => void ctx.io.out.write(s + '\n');
    if (flags.json) w(JSON.stringify(res));
    else if (!res.items.length)
      w('no runs yet — start one with: gradient-workbench run examples/seed-cnn-cls-seg.json');
    else {
      res.items.forEach((r) => w(summaryLine(r)));
      if (res.total > res.items.length) w(`… ${res.total - res.items.length} more (use --limit)`);
    }
    return EXIT.ok;
  });
}

export function showCommand(ctx: CliContext, id: string, flags: { db?: string; json?: boolean }): Promise<number> {
  return withService(ctx, { ...flags, mustExist: true }, async ({ client }) => {
    const run = await call(client, 'runs.get', { id: await resolveRunId(client, id) });
    const epochs = await call(client, 'runs.epochs', { id: run.id });
    if (flags.json) {
      ctx.io.out.write(JSON.stringify({ ...run, epochs }) + '\n');
      return EXIT.ok;
    }
    const took = run.durationMs !== null ? `   took ${(run.durationMs / 1000).toFixed(1)} s` : '';
    const lines = [
      `${safe(run.name) || '(unnamed)'}  [${run.status}]  ${run.id}`,
      `experiment: ${safe(run.experimentName ?? '—')}   tags: ${safe(run.tags.join(', ')) || '—'}`,
      `created ${run.createdAt}   epochs ${run.epochsDone}/${run.epochsPlanned}${took}`,
      run.backend ? backendLine(run.backend) : 'backend: not started',
      ...(run.remote
        ? [`trained on: ${safe(run.machine ?? 'a remote worker (not started)')}, attempt ${run.attempts}`]
        : []),
      ...(run.error ? [`note: ${safe(run.error, { multiline: true })}`] : []),
      ...(run.notes ? [`notes: ${safe(run.notes, { multiline: true })}`] : []),
      // layer names come from the database: printed as safely as run names
      ...epochs.flatMap((e) => [epochLine(e), `  health: ${safe(healthDetailText(e.health, e.epoch))}`]),
    ];
    ctx.io.out.write(lines.join('\n') + '\n');
    return EXIT.ok;
  });
}

/** Unknown ids, or a run still training, refuse the whole request: the service's rules, not the CLI's. */
export function deleteCommand(ctx: CliContext, ids: string[], flags: { db?: string }): Promise<number> {
  return withService(ctx, { ...flags, mustExist: true }, async ({ client }) => {
    const resolved = await resolveRunIds(client, ids);
    const { deleted } = await call(client, 'runs.delete', { ids: resolved }, 'nothing deleted');
    ctx.io.out.write(`deleted ${deleted} run(s)\n`);
    return EXIT.ok;
  });
}
