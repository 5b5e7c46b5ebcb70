/** What every command gets: where its output goes, and a contract client onto a Service. */
import type { ApiClient, Input, Method, Output } from '../api/contract.ts';
import { createLocalClient } from '../api/local-client.ts';
import type { Service } from '../api/service.ts';
import { openCliService, resolveDbPath, type ServiceFactory, type ServiceRequest } from './database.ts';
import { CliError } from './exit-codes.ts';

export interface CliIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** a terminal on standard error: progress bars instead of lines */
  tty: boolean;
}

export interface CliContext {
  io: CliIo;
  openService: ServiceFactory;
}

export function defaultContext(): CliContext {
  return {
    io: { out: process.stdout, err: process.stderr, tty: !!process.stderr.isTTY },
    openService: (o) => openCliService(o),
  };
}

export interface Session {
  client: ApiClient;
  service: Service;
  dbPath: string;
}

/** Open the service for one command, hand its client over, and close it however the command ends. */
export async function withService<T>(
  ctx: CliContext,
  o: Partial<Omit<ServiceRequest, 'dbPath' | 'note'>> & { db?: string },
  work: (s: Session) => Promise<T>,
): Promise<T> {
  const dbPath = resolveDbPath(o.db);
  const note = (line: string) => void ctx.io.err.write(line + '\n');
  const { parallel, mustExist, maxMemory, dataRoots, remote } = o;
  const door = o.door ?? 'local';
  const service = ctx.openService({ dbPath, door, note, parallel, mustExist, maxMemory, dataRoots, remote });
  try {
    return await work({ client: createLocalClient(service), service, dbPath });
  } finally {
    await service.close();
  }
}

/** One contract call: its value, or its error envelope as a CliError with the mapped exit code. */
export async function call<M extends Method>(
  client: ApiClient,
  method: M,
  input: Input<M>,
  context?: string,
): Promise<Output<M>> {
  const r = await client.invoke(method, input);
  if (r.ok) return r.value;
  throw CliError.fromApi(r.error, context);
}
