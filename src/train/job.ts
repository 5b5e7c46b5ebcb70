/**
 * One training run in a worker thread, seen from the main thread: callbacks for what the worker
 * reports, `cancel()` (honoured between batches), and a promise of how it ended. A worker that
 * dies without reporting ends the run as `failed`; what it reported before stays reported.
 */
import { Worker } from 'node:worker_threads';
import type { Spec } from '../experiment/spec.ts';
import { workerStart } from '../runtime/paths.ts';
import type { WorkerInput, WorkerMessage } from './messages.ts';
import type { BackendReport } from '../domain/backend.ts';
import type { EpochRecord, ProgressEvent } from '../domain/records.ts';
import type { RunStatus } from '../domain/run-status.ts';

export interface JobCallbacks {
  onBackend?: (r: BackendReport) => void;
  onDataset?: (description: string) => void;
  onProgress?: (p: ProgressEvent) => void;
  /** runs synchronously in the main thread before the next message is handled (store it here) */
  onEpoch?: (r: EpochRecord) => void;
}

export interface JobEnd {
  status: Extract<RunStatus, 'completed' | 'cancelled' | 'diverged' | 'failed'>;
  epochs: number;
  message?: string;
}

export interface Job {
  done: Promise<JobEnd>;
  cancel(): void;
}

export function startJob(o: { spec: Spec; runId: string; progressIntervalMs?: number } & JobCallbacks): Job {
  const cancel = new SharedArrayBuffer(4);
  const input: WorkerInput = { spec: o.spec, runId: o.runId, cancel, progressIntervalMs: o.progressIntervalMs ?? 250 };
  const { file, argv } = workerStart('trainer');
  const worker = new Worker(file, { argv, workerData: input });
  let epochs = 0;
  let end: JobEnd | null = null;
  const done = new Promise<JobEnd>((resolve) => {
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'backend') o.onBackend?.(m.report);
      else if (m.type === 'dataset') o.onDataset?.(m.description);
      else if (m.type === 'progress') o.onProgress?.(m.event);
      else if (m.type === 'epoch') {
        epochs = m.record.epoch;
        o.onEpoch?.(m.record);
      } else if (m.type === 'done') end = { ...m.result };
      else if (m.type === 'error') end = { status: 'failed', epochs, message: m.message };
    });
    worker.on('error', (err) => (end ??= { status: 'failed', epochs, message: `trainer crashed: ${err.message}` }));
    worker.on('exit', (code) =>
      resolve(end ?? { status: 'failed', epochs, message: `trainer exited (code ${code}) without finishing` }),
    );
  });
  return {
    done,
    cancel: () => Atomics.store(new Int32Array(cancel), 0, 1),
  };
}
