/**
 * `backends`: which trainer backends load on this machine, why the others do not and what to do,
 * the native BLAS tier's state, and what the last run trained on: Settings ▸ Backends for a terminal.
 */
import { existsSync } from 'node:fs';
import type { Output } from '../api/contract.ts';
import { nativeTierOf, nativeTierText } from '../domain/native-tier.ts';
import { call, type CliContext, withService } from './context.ts';
import { resolveDbPath } from './database.ts';
import { EXIT } from './exit-codes.ts';
import { backendLine } from './progress.ts';
import { terminalText as safe } from './terminal-text.ts';

type Diagnosis = Output<'backends.diagnose'>['diagnoses'][number];

function diagnosisLines(d: Diagnosis, chosen: boolean): string[] {
  const state = chosen ? 'loads, used by auto' : d.available ? 'loads' : 'unavailable';
  const why = [d.reason, d.detail].filter((s) => s !== null).join(' — ');
  const tier = nativeTierOf(d);
  return [
    `${d.name.padEnd(15)} ${state.padEnd(20)} ${safe(why)}`.trimEnd(),
    ...(d.nextStep ? [`  next: ${safe(d.nextStep)}`] : []),
    ...(tier ? [`  ${safe(nativeTierText(tier))}`] : []),
    ...(tier && !tier.on && tier.next ? [`    next: ${safe(tier.next)}`] : []),
  ];
}

export function backendsCommand(ctx: CliContext, flags: { db?: string; json?: boolean }): Promise<number> {
  // the last run's backend comes from the database; listing backends must not create one
  const dbPath = resolveDbPath(flags.db);
  const db = existsSync(dbPath) ? dbPath : ':memory:';
  return withService(ctx, { db, mustExist: db !== ':memory:' }, async ({ client }) => {
    const res = await call(client, 'backends.diagnose', {});
    if (flags.json) {
      ctx.io.out.write(JSON.stringify(res) + '\n');
      return EXIT.ok;
    }
    // `auto` takes the first backend that loads, in this order
    const chosen = res.diagnoses.find((d) => d.available)?.name;
    const lines = [
      ...res.diagnoses.flatMap((d) => diagnosisLines(d, d.name === chosen)),
      res.lastUsed ? `last run: ${backendLine(res.lastUsed)}` : 'last run: none yet',
    ];
    ctx.io.out.write(lines.join('\n') + '\n');
    return EXIT.ok;
  });
}
