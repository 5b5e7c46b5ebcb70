// Worker bootstrap for diagnose-in-worker.ts: like src/train/worker-entry.mjs, register
// tsx's TypeScript loader in this thread, then run the real diagnosis and post it back once.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const { diagnoseBackends } = await import('./select.ts');
  parentPort.postMessage({ ok: true, diagnoses: await diagnoseBackends() });
} catch (err) {
  parentPort.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
}
