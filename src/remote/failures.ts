/**
 * Jobs that end in BullMQ's failed set without our processor reporting them: above all a run whose
 * workers died too often. BullMQ marks such a job on its last stall and fails it when the next
 * worker takes it (that take counts as a start, hence attempt − 1); that worker writes the run's
 * ending, with the reason, to the stream.
 */
import type { Job, Worker } from 'bullmq';
import type { ResultsWriter } from './results-writer.ts';

export function reportFailures(worker: Worker, out: ResultsWriter, log?: (line: string) => void): void {
  worker.on('failed', (job: Job | undefined, err: Error) => {
    const runId = (job?.data as { runId?: unknown } | undefined)?.runId;
    if (!job || typeof runId !== 'string') return;
    const stalled = /stalled more than allowable limit/.test(err.message);
    const attempt = Math.max(1, stalled ? job.attemptsStarted - 1 : job.attemptsStarted);
    const message = stalled
      ? `its worker stopped before it finished, ${attempt} time(s) (the limit): ${err.message}`
      : `the worker failed: ${err.message}`;
    log?.(`run ${runId}: failed: ${message}`);
    out.append({ type: 'finished', runId, attempt, at: Date.now(), status: 'failed', epochs: 0, message });
    void out.flush().catch((e: Error) => log?.(`run ${runId}: could not report the failure: ${e.message}`));
  });
}
