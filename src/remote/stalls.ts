/**
 * A run whose workers died more than MAX_STALLS times is moved to BullMQ's failed set by whichever
 * worker's stall check sees it; that worker writes the run's ending to the stream with the reason.
 */
import type { Queue, Worker } from 'bullmq';
import type { ResultsWriter } from './results-writer.ts';

export function watchStalls(worker: Worker, queue: Queue, out: ResultsWriter): void {
  worker.on('stalled', (jobId) => {
    void (async () => {
      const job = await queue.getJob(jobId);
      if (!job || (await job.getState()) !== 'failed') return;
      const runId = (job.data as { runId: string }).runId;
      const attempt = Math.max(1, job.attemptsStarted);
      const message = `its workers stopped ${attempt} times before it finished (${job.failedReason})`;
      out.append({ type: 'finished', runId, attempt, at: Date.now(), status: 'failed', epochs: 0, message });
      await out.flush();
    })().catch(() => {});
  });
}
