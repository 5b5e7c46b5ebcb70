/**
 * Diagnosis worker entry (diagnose-in-worker.ts starts it): loads the backends here, in its own
 * thread, and posts the diagnosis back once.
 */
import { parentPort } from 'node:worker_threads';
import type { WorkerReply } from './diagnose-in-worker.ts';
import { errorMessage } from './explain.ts';
import { diagnoseBackends } from './select.ts';

let reply: WorkerReply;
try {
  reply = { ok: true, diagnoses: await diagnoseBackends() };
} catch (err) {
  // first line, paths cut to file names: it is shown in Settings
  reply = { ok: false, message: errorMessage(err) };
}
parentPort!.postMessage(reply);
