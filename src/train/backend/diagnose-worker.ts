/**
 * Diagnosis worker entry (diagnose-in-worker.ts starts it): loads the backends here, in its own
 * thread, and posts the diagnosis back once.
 */
import { parentPort } from 'node:worker_threads';
import type { WorkerReply } from './diagnose-in-worker.ts';
import { diagnoseBackends } from './select.ts';

let reply: WorkerReply;
try {
  reply = { ok: true, diagnoses: await diagnoseBackends() };
} catch (err) {
  reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
}
parentPort!.postMessage(reply);
