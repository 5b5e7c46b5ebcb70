/** `gradient-workbench worker`: a RemoteWorker until SIGTERM or Ctrl-C, logging one line per event. */
import type { Spec } from '../experiment/spec.ts';
import { connectionOptions, parseRedisUrl } from '../remote/connection.ts';
import { RemoteWorker } from '../remote/worker.ts';
import type { CliContext } from './context.ts';
import { EXIT } from './exit-codes.ts';

export interface WorkerFlags {
  redis: string;
  concurrency: number;
  backend?: Spec['backend'];
  name?: string;
  stallAfter: number;
  attempts: number;
  maxMemory?: number;
}

export async function workerCommand(ctx: CliContext, flags: WorkerFlags): Promise<number> {
  const target = parseRedisUrl({ url: flags.redis });
  const log = (line: string) => void ctx.io.err.write(`[${new Date().toISOString()}] ${line}\n`);
  const worker = new RemoteWorker({
    connection: connectionOptions(target),
    concurrency: flags.concurrency,
    backend: flags.backend,
    name: flags.name,
    stallAfterMs: flags.stallAfter * 1000,
    attempts: flags.attempts,
    maxMemory: flags.maxMemory,
    log,
  });
  const stopped = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await worker.start();
  log(`worker ${worker.machine} on ${target.display}, ${flags.concurrency} run(s) at once; SIGTERM stops it`);
  const signal = await stopped;
  log(`${signal}: cancelling ${worker.activeRuns.length} running run(s) and stopping`);
  await worker.stop(`worker ${worker.machine} was stopped (${signal}) before the run finished`);
  log('stopped');
  return EXIT.ok;
}
