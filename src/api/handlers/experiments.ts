/** Designing runs: validating specs and experiments, the presets, the stored experiments. */
import { parseRepeatedSpec } from '../../experiment/repeat.ts';
import type { Spec } from '../../experiment/spec.ts';
import { expandExperiment } from '../../experiment/sweep.ts';
import { toApiError } from '../errors.ts';
import { loadPresets } from '../presets.ts';
import type { HandlerContext, HandlerMap } from './context.ts';

export interface RunPlan {
  /** the experiment's name, or null for a single spec */
  name: string | null;
  sweep: unknown;
  specs: Spec[];
}

/**
 * A runs.start / spec.validate request as validated specs, in run order; throws SpecError. A spec
 * or an experiment with `repeat: n` gives n runs per spec, seeds derived as repeat.ts documents.
 */
export function planRuns(input: { spec?: unknown; experiment?: unknown }): RunPlan {
  if (input.experiment !== undefined) {
    const e = expandExperiment(input.experiment);
    return { name: e.name, sweep: e.sweep, specs: e.runs.map((r) => r.spec) };
  }
  return { name: null, sweep: null, specs: parseRepeatedSpec(input.spec) };
}

export function experimentHandlers({
  store,
  preflight,
}: HandlerContext): HandlerMap<'experiments.list' | 'presets.list' | 'spec.validate'> {
  return {
    'experiments.list': () => store.listExperiments(),
    'presets.list': () => loadPresets(),
    'spec.validate': (input) => {
      try {
        const plan = planRuns(input.experiment === undefined ? { spec: input.spec ?? {} } : input);
        preflight(plan.specs);
        return { ok: true, issues: [], runs: plan.specs.length, specs: plan.specs };
      } catch (err) {
        const e = toApiError(err);
        if (e.code !== 'invalid_argument') throw err;
        return { ok: false, issues: e.issues ?? [{ field: e.field ?? '', message: e.message }], runs: 0, specs: [] };
      }
    },
  };
}
