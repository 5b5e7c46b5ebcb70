/** Messages between the service (main thread) and a trainer worker. */
import type { Spec } from '../experiment/spec.ts';
import type { TrainResult } from './trainer.ts';
import type { BackendReport } from '../domain/backend.ts';
import type { EpochRecord, ProgressEvent } from '../domain/records.ts';

export interface WorkerInput {
  spec: Spec;
  runId: string;
  /** Int32Array over it: index 0 set to 1 asks the trainer to stop between batches */
  cancel: SharedArrayBuffer;
  progressIntervalMs: number;
}

export type WorkerMessage =
  | { type: 'backend'; report: BackendReport }
  | { type: 'dataset'; description: string }
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'epoch'; record: EpochRecord }
  | { type: 'done'; result: TrainResult }
  | { type: 'error'; message: string };
