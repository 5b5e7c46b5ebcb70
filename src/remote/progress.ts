/**
 * Per-batch progress of remote runs. It goes over pub/sub, not the result stream: progress is
 * ephemeral (a Live progress bar), so an app that is not listening should miss it rather than read
 * a backlog of stale batches on return, and nothing has to be trimmed or acknowledged. The worker
 * throttles it per run so a fast trainer cannot flood the server.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { ProgressEvent } from '../domain/records.ts';
import { decode, encode } from './messages.ts';

/** At most two progress messages a second per run. */
export const PROGRESS_INTERVAL_MS = 500;

const count = z.number().int().min(0);
// a diverging run's loss is NaN or ±Infinity, and its progress still belongs on the bar
const anyNumber = z.union([z.number(), z.nan(), z.literal(Infinity), z.literal(-Infinity)]);
const progressSchema = z.object({
  runId: z.string().uuid(),
  epoch: count,
  epochs: count,
  batch: count,
  batches: count,
  loss: anyNumber,
  fraction: z.number().min(0).max(1),
  elapsedMs: z.number().min(0),
  etaMs: anyNumber.nullable(),
});

/** The worker's side: a callback for the trainer's progress that publishes at most every `intervalMs`. */
export function progressPublisher(
  redis: Redis,
  channel: string,
  intervalMs = PROGRESS_INTERVAL_MS,
): (p: ProgressEvent) => void {
  let last = -Infinity;
  return (p) => {
    const now = Date.now();
    if (now - last < intervalMs) return;
    last = now;
    // a lost progress message is replaced by the next one: failures are not worth reporting
    redis.publish(channel, encode(p)).catch(() => {});
  };
}

/** A published progress message back as a ProgressEvent; throws naming the field when it is not one. */
export function parseProgress(text: string): ProgressEvent {
  const r = progressSchema.safeParse(decode(text));
  if (!r.success)
    throw new Error(`progress message: ${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`);
  return r.data;
}

/**
 * The app's side: listens on its own connection (a subscribed connection can do nothing else).
 * `accept` drops progress of a run that is not running here: pub/sub and the result stream are not
 * ordered together, so a late message must not bring back the progress of a finished run.
 */
export async function followProgress(
  subscriber: Redis,
  channel: string,
  o: { accept: (runId: string) => boolean; onProgress: (p: ProgressEvent) => void; log: (line: string) => void },
): Promise<void> {
  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    let p: ProgressEvent;
    try {
      p = parseProgress(text);
    } catch (err) {
      o.log((err as Error).message);
      return;
    }
    if (o.accept(p.runId)) o.onProgress(p);
  });
  await subscriber.subscribe(channel);
}
