/**
 * `diagnoseBackends` run in a worker thread, so the service's process (the CLI, serve mode, the
 * Electron main process) never loads tfjs or a native TensorFlow library: the diagnosis happens
 * where training does, in a worker, and a crash there cannot take the window down.
 */
import { Worker } from 'node:worker_threads';
import type { BackendDiagnosis } from '../../domain/backend.ts';
import { workerStart } from '../../runtime/paths.ts';
import { errorMessage } from '../../runtime/error-text.ts';

export type WorkerReply = { ok: true; diagnoses: BackendDiagnosis[] } | { ok: false; message: string };

export function diagnoseBackends(): Promise<BackendDiagnosis[]> {
  const { file, argv } = workerStart('diagnose');
  const worker = new Worker(file, { argv });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: WorkerReply) => {
      if (m.ok) resolve(m.diagnoses);
      else reject(new Error(m.message));
      // tfjs may keep the thread alive; the answer is all we wanted from it
      void worker.terminate();
    });
    worker.once('error', (err) => reject(new Error(errorMessage(err))));
    worker.once('exit', (code) => reject(new Error(`the diagnosis worker exited (code ${code}) without answering`)));
  });
}
