/**
 * Trainer worker entry (worker_threads): owns the tfjs backend for one run. Posts the backend it
 * chose, progress, one record per epoch and the result; stops when the shared cancel flag is set.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { describeDataset, loadDataset } from '../data/index.ts';
import { withBlasThreads } from './backend/blas-threads.ts';
import { selectBackend } from './backend/select.ts';
import type { WorkerInput, WorkerMessage } from './messages.ts';
import { train } from './trainer.ts';

// production mode: no debug checks, and no console banner from the cpu backend
tf.enableProdMode();
const input = workerData as WorkerInput;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const cancel = new Int32Array(input.cancel);

try {
  post({ type: 'backend', report: withBlasThreads(await selectBackend(input.spec.backend)) });
  const dataset = loadDataset(input.spec.data, input.spec.seed);
  post({ type: 'dataset', description: describeDataset(dataset) });
  const result = await train({
    spec: input.spec,
    dataset,
    runId: input.runId,
    progressIntervalMs: input.progressIntervalMs,
    shouldStop: () => Atomics.load(cancel, 0) === 1,
    onProgress: (event) => post({ type: 'progress', event }),
    onEpoch: (record) => post({ type: 'epoch', record }),
  });
  post({ type: 'done', result });
} catch (err) {
  post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
}
