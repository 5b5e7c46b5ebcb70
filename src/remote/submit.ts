/**
 * Submitting runs to the database's queue. Each run gets a key from the database, the experiment
 * and its spec, so submitting the same sweep again finds the same runs: ended ones are not queued
 * again, and open ones are re-added under the same job id, which BullMQ ignores when it holds it
 * (and restores when Redis lost it).
 */
import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { RunPlan } from '../api/handlers/experiments.ts';
import { describeSpec } from '../experiment/describe.ts';
import type { RunStatus } from '../domain/run-status.ts';
import type { RemoteRuns } from '../store/index.ts';
import type { JobData } from './messages.ts';
import { jobIdOf } from './names.ts';

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');

export interface Submitted {
  runIds: string[];
  experimentId: string | null;
  /** runs of this plan that had already ended: nothing was queued for them */
  ended: Array<{ runId: string; status: RunStatus }>;
}

export async function submitPlan(runs: RemoteRuns, queue: Queue, plan: RunPlan): Promise<Submitted> {
  const base = hash(runs.databaseId(), plan.name ?? '', JSON.stringify(plan.sweep), JSON.stringify(plan.specs));
  const experimentId = plan.name ? runs.experimentFor(`x:${base}`, plan.name, plan.sweep) : null;
  const ended: Submitted['ended'] = [];
  const jobs: Array<{ name: string; data: JobData; opts: { jobId: string } }> = [];
  const runIds = plan.specs.map((spec, i) => {
    const name = spec.name || describeSpec(spec);
    const key = `r:${hash(base, String(i), JSON.stringify(spec))}`;
    const run = runs.runFor(key, { spec, name, tags: spec.tags, notes: spec.notes, experimentId });
    if (run.status === 'queued' || run.status === 'running')
      jobs.push({
        name: 'train',
        data: { runId: run.id, experimentId, name, spec },
        opts: { jobId: jobIdOf(experimentId, run.id) },
      });
    else ended.push({ runId: run.id, status: run.status });
    return run.id;
  });
  // kept after they end, so a later add with the same id is still recognised as done
  await queue.addBulk(
    jobs.map((j) => ({ ...j, opts: { ...j.opts, attempts: 1, removeOnComplete: false, removeOnFail: false } })),
  );
  return { runIds, experimentId, ended };
}
