/**
 * One BullMQ job on a worker: validate the spec as a local run would be (schema, data files,
 * memory budget), train it with the same trainer thread as local runs, and stream what happens.
 * A spec that fails validation ends the run `failed` with the reason instead of retrying it.
 */
import type { Job as QueueJob } from 'bullmq';
import type { JobFactory } from '../api/scheduler.ts';
import { toApiError } from '../api/errors.ts';
import { preflight } from '../experiment/preflight.ts';
import { parseSpec, type Spec } from '../experiment/spec.ts';
import type { ProgressEvent } from '../domain/records.ts';
import { startJob, type JobEnd } from '../train/job.ts';
import { jobDataSchema } from './messages.ts';
import type { ResultsWriter } from './results-writer.ts';

export interface RunnerOptions {
  machine: string;
  /** the backend this worker trains on, whatever the spec asked (a property of the machine) */
  backend?: Spec['backend'];
  maxMemory?: number;
  startJob?: JobFactory;
}

export interface Running {
  runId: string;
  attempt: number;
  /** ask the trainer to stop between batches; `why` becomes the run's message */
  cancel(why: string): void;
  done: Promise<JobEnd>;
}

/** Validate the job's data and spec; a message naming the field when either is bad. */
export function checkJob(data: unknown, o: RunnerOptions): { runId: string; spec: Spec } | { error: string } {
  const job = jobDataSchema.safeParse(data);
  if (!job.success) return { error: `job data: ${job.error.issues[0].path.join('.')}: ${job.error.issues[0].message}` };
  try {
    const raw = o.backend ? { ...(job.data.spec as object), backend: o.backend } : job.data.spec;
    const spec = parseSpec(raw);
    preflight([spec], { maxMemory: o.maxMemory });
    return { runId: job.data.runId, spec };
  } catch (err) {
    return { error: `the spec was refused on this worker: ${toApiError(err).message}` };
  }
}

export function runQueueJob(
  job: QueueJob,
  out: ResultsWriter,
  o: RunnerOptions,
  /** the trainer's per-batch progress, which does not go on the result stream */
  onProgress?: (p: ProgressEvent) => void,
): Running | { error: string; runId: string } {
  const attempt = Math.max(1, job.attemptsStarted);
  const checked = checkJob(job.data, o);
  const runId = (job.data as { runId?: string })?.runId ?? '';
  if ('error' in checked) return { error: checked.error, runId };
  let why: string | null = null;
  const trainer = (o.startJob ?? startJob)({
    spec: checked.spec,
    runId,
    onBackend: (backend) =>
      out.append({ type: 'started', runId, attempt, at: Date.now(), backend, machine: o.machine }),
    onEpoch: (record) => out.append({ type: 'epoch', runId, attempt, at: Date.now(), record }),
    onProgress,
  });
  const done = trainer.done.then((end) => (end.status === 'cancelled' && why ? { ...end, message: why } : end));
  return {
    runId,
    attempt,
    done,
    cancel: (reason) => {
      why ??= reason;
      out.append({ type: 'cancelling', runId, attempt, at: Date.now() });
      trainer.cancel();
    },
  };
}
