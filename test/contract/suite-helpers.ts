/** What the contract suite's tests build on: a tiny spec, waiting for an event, a trained run of one's own. */
import type { ApiClient, Events } from '../../src/api/contract.ts';

export const tiny = (name: string, epochs = 2) => ({
  name,
  epochs,
  tags: ['contract'],
  data: { kind: 'shapes', imageSize: 12, trainCount: 64, valCount: 32 },
  model: { depth: 2, width: 8 },
  tasks: [{ kind: 'cls', primary: true }, { kind: 'seg' }],
  weighting: { lambda: 0.6 },
});

export function waitFor<E extends keyof Events>(
  c: ApiClient,
  event: E,
  pred: (p: Events[E]) => boolean,
  ms = 60_000,
): Promise<Events[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (off(), reject(new Error(`no ${event} within ${ms} ms`))), ms);
    const off = c.subscribe(event, (p) => {
      if (pred(p)) {
        clearTimeout(timer);
        off();
        resolve(p);
      }
    });
  });
}

/** A run of its own for the test that needs one: started, and trained to its end. */
export async function trainedRun(c: ApiClient, spec: ReturnType<typeof tiny>): Promise<string> {
  const finished = new Set<string>();
  const off = c.subscribe('run.finished', (p) => finished.add(p.runId));
  const r = await c.invoke('runs.start', { spec });
  if (!r.ok) throw new Error(r.error.message);
  const [id] = r.value.runIds;
  if (!finished.has(id)) await waitFor(c, 'run.finished', (p) => p.runId === id);
  off();
  return id;
}
