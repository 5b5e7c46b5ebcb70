/** `export <id…> --format <one of the contract's formats> [--out file]`: the service's runs.export. */
import { writeFileSync } from 'node:fs';
import type { Input } from '../api/contract.ts';
import { call, type CliContext, withService } from './context.ts';
import { EXIT } from './exit-codes.ts';
import { resolveExperimentId, resolveRunIds } from './ids.ts';

export interface ExportFlags {
  db?: string;
  format: Input<'runs.export'>['format'];
  out?: string;
  experiment?: string;
}

export function exportCommand(ctx: CliContext, ids: string[], flags: ExportFlags): Promise<number> {
  return withService(ctx, { ...flags, mustExist: true }, async ({ client }) => {
    const { content } = await call(client, 'runs.export', {
      ids: await resolveRunIds(client, ids),
      format: flags.format,
      ...(flags.experiment ? { experimentId: await resolveExperimentId(client, flags.experiment) } : {}),
    });
    const text = content.endsWith('\n') ? content : content + '\n';
    if (flags.out) {
      writeFileSync(flags.out, text);
      ctx.io.err.write(`wrote ${flags.out} (${text.length} bytes)\n`);
    } else ctx.io.out.write(text);
    return EXIT.ok;
  });
}
