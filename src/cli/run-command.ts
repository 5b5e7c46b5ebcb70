/**
 * `gradient-workbench run <file>`: a spec or an experiment (sweep) file → validated runs →
 * trained in workers → every epoch stored. Nothing is written when any run's spec is invalid.
 * Ctrl-C cancels cleanly (runs end `cancelled`, epochs kept); a second Ctrl-C quits at once.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Scheduler } from '../api/scheduler.ts';
import { describeSpec } from '../experiment/describe.ts';
import { parseSpec, type Spec, SpecError } from '../experiment/spec.ts';
import { expandExperiment, isExperiment } from '../experiment/sweep.ts';
import type { JobEnd } from '../train/job.ts';
import { CliError, EXIT, openCliStore } from './db.ts';
import { jsonReporter, plainReporter, type Reporter, ttyReporter } from './progress.ts';

export interface RunFlags {
  db?: string;
  json?: boolean;
  parallel?: string;
  epochs?: string;
  backend?: string;
}

interface Plan {
  experiment: { name: string; sweep: Record<string, unknown[]> } | null;
  specs: Spec[];
}

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
      EXIT.badInput,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${file} is not valid JSON: ${(err as Error).message}`, EXIT.badInput);
  }
}

/** Validate everything before touching the database. Overrides apply to every run. */
export function planRuns(file: string, flags: RunFlags): Plan {
  const raw = readJsonFile(file) as Record<string, unknown>;
  const override = (spec: Record<string, unknown>) => ({
    ...spec,
    ...(flags.epochs !== undefined ? { epochs: Number(flags.epochs) } : {}),
    ...(flags.backend !== undefined ? { backend: flags.backend } : {}),
  });
  try {
    if (isExperiment(raw)) {
      const e = expandExperiment({ ...raw, base: override((raw.base as Record<string, unknown>) ?? {}) });
      return { experiment: { name: e.name, sweep: e.sweep }, specs: e.runs.map((r) => r.spec) };
    }
    return { experiment: null, specs: [parseSpec(override(raw))] };
  } catch (err) {
    if (err instanceof SpecError)
      throw new CliError(
        `invalid spec in ${file}:\n${err.issues.map((i) => `  ${i.field || '(spec)'}: ${i.message}`).join('\n')}`,
        EXIT.badInput,
      );
    throw err;
  }
}

function pickReporter(json: boolean | undefined): Reporter {
  if (json) return jsonReporter(process.stdout);
  return process.stderr.isTTY ? ttyReporter(process.stderr) : plainReporter(process.stdout);
}

export async function runCommand(file: string, flags: RunFlags): Promise<number> {
  const plan = planRuns(file, flags);
  const parallel = flags.parallel !== undefined ? Number(flags.parallel) : undefined;
  if (parallel !== undefined && !(Number.isInteger(parallel) && parallel >= 1 && parallel <= 64))
    throw new CliError('--parallel: must be an integer from 1 to 64', EXIT.badInput);
  const store = openCliStore(flags.db, { write: true });
  const reporter = pickReporter(flags.json);
  const ends: JobEnd[] = [];
  const scheduler = new Scheduler(
    store,
    {
      onStarted: (id, b) => reporter.started(id, b),
      onProgress: (p) => reporter.progress(p),
      onEpoch: (id, rec) => reporter.epoch(id, rec),
      onFinished: (id, end) => (ends.push(end), reporter.finished(id, end)),
    },
    parallel ?? Math.min(plan.specs.length, availableParallelism()),
  );
  const experimentId = plan.experiment
    ? store.createExperiment({ name: plan.experiment.name, sweep: plan.experiment.sweep })
    : null;
  const ids = scheduler.enqueue(plan.specs, { experimentId });
  ids.forEach((id, i) => reporter.queued(id, plan.specs[i].name || describeSpec(plan.specs[i])));
  let interrupts = 0;
  const onSigint = () => {
    if (++interrupts > 1) process.exit(EXIT.cancelled);
    reporter.note('cancelling… (Ctrl-C again to quit at once; unfinished runs are then marked interrupted)');
    scheduler.cancelAll();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  await scheduler.idle();
  process.off('SIGINT', onSigint);
  process.off('SIGTERM', onSigint);
  reporter.stop();
  store.close();
  if (interrupts || ends.some((e) => e.status === 'cancelled')) return EXIT.cancelled;
  return ends.every((e) => e.status === 'completed') ? EXIT.ok : EXIT.runFailed;
}
