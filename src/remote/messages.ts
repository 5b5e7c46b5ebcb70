/**
 * What travels over Redis: the job a worker takes (a spec plus ids; the worker validates the spec
 * again, as it would a local one) and the result entries it appends to the stream. Every entry
 * names its run and attempt, so the reader can tell a retried attempt from a late stale one.
 */
import { z } from 'zod';
import type { BackendReport } from '../domain/backend.ts';
import type { EpochRecord } from '../domain/records.ts';
import { FINAL_STATUSES, type RunStatus } from '../domain/run-status.ts';

const uuid = z.string().uuid();

export const jobDataSchema = z
  .object({
    runId: uuid,
    experimentId: uuid.nullable(),
    name: z.string().max(200),
    /** validated by the worker with parseSpec and the preflight budgets */
    spec: z.unknown(),
  })
  .strict();
export type JobData = z.infer<typeof jobDataSchema>;

export type ResultEntry =
  | { type: 'started'; runId: string; attempt: number; at: number; backend: BackendReport; machine: string }
  | { type: 'epoch'; runId: string; attempt: number; at: number; record: EpochRecord }
  /** the worker heard the cancel: when, by its clock */
  | { type: 'cancelling'; runId: string; attempt: number; at: number }
  | {
      type: 'finished';
      runId: string;
      attempt: number;
      at: number;
      status: Extract<RunStatus, 'completed' | 'cancelled' | 'failed' | 'diverged'>;
      epochs: number;
      message: string | null;
    };

const envelope = z.object({
  type: z.enum(['started', 'epoch', 'cancelling', 'finished']),
  runId: uuid,
  attempt: z.number().int().min(1),
  at: z.number(),
});
const finishedSchema = z.object({
  status: z.enum(FINAL_STATUSES.filter((s) => s !== 'interrupted') as ['completed']),
  epochs: z.number().int().min(0),
  message: z.string().nullable(),
});

// JSON has no NaN or ±Infinity; an epoch record may hold them, so they travel tagged
const NON_FINITE = '$nonFinite';
export const encode = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? { [NON_FINITE]: String(v) } : v,
  );
export const decode = (text: string): unknown =>
  JSON.parse(text, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && NON_FINITE in v ? Number((v as Record<string, string>)[NON_FINITE]) : v,
  );

/** A stream entry's field list: `type`, `run`, `attempt` readable with redis-cli, the rest as `data`. */
export function entryFields(e: ResultEntry): string[] {
  return ['type', e.type, 'run', e.runId, 'attempt', String(e.attempt), 'data', encode(e)];
}

/** A stream entry back as a ResultEntry; throws naming the field when it is not one. */
export function parseEntry(fields: string[]): ResultEntry {
  const i = fields.indexOf('data');
  if (i < 0 || i % 2 !== 0) throw new Error('result entry: no data field');
  const raw = decode(fields[i + 1]) as Record<string, unknown>;
  const head = envelope.safeParse(raw);
  if (!head.success)
    throw new Error(`result entry: ${head.error.issues[0].path.join('.')}: ${head.error.issues[0].message}`);
  if (head.data.type === 'finished') {
    const f = finishedSchema.safeParse(raw);
    if (!f.success) throw new Error(`result entry: ${f.error.issues[0].path.join('.')}: ${f.error.issues[0].message}`);
  }
  // started/epoch payloads are checked by the store (backendSchema, epochRecordSchema) where they land
  return raw as unknown as ResultEntry;
}
