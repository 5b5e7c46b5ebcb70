/**
 * Starting what the Design form describes: one run, or its sweep as an experiment. Issues the
 * service finds go next to their fields (serverIssues); anything else is one message.
 */
import type { ApiClient, Output } from '@core/api/contract.ts';
import type { Spec, SpecIssue } from '@core/experiment/spec.ts';
import { ref, type Ref } from 'vue';
import { call, UiError } from '../api/client.ts';

export interface StartSource {
  /** the validated spec, null while the form is invalid */
  spec: () => Spec | null;
  /** the sweep axes (path → values); empty for a single run */
  sweep: () => Record<string, unknown[]>;
  description: () => string;
  /** runs per spec (per sweep point), each with its own derived seed */
  repeat: () => number;
  canStart: () => boolean;
  error: Ref<string | null>;
}

export function useDesignStart(api: ApiClient, src: StartSource) {
  const serverIssues = ref<SpecIssue[]>([]);
  const starting = ref<'run' | 'queue' | null>(null);
  const started = ref<Output<'runs.start'> | null>(null);

  /** Start the form's spec (or its sweep); the new run ids, or null when nothing started. */
  async function start(mode: 'run' | 'queue'): Promise<string[] | null> {
    const spec = src.spec();
    if (!spec || !src.canStart() || starting.value) return null;
    starting.value = mode;
    src.error.value = null;
    started.value = null;
    try {
      const r = await call(api, 'runs.start', startInput(spec, src.sweep(), src.description(), src.repeat()));
      started.value = r;
      return r.runIds;
    } catch (err) {
      // issues go next to their fields (and into the list above Run); the rest is one message
      if (err instanceof UiError && err.issues.length) serverIssues.value = err.issues;
      else if (err instanceof UiError && err.field) serverIssues.value = [{ field: err.field, message: err.message }];
      else src.error.value = (err as Error).message;
      return null;
    } finally {
      starting.value = null;
    }
  }

  return { serverIssues, starting, started, start };
}

/**
 * A spec alone, or — with sweep axes — an experiment named after them unless the spec has a name;
 * `repeat` (> 1) rides along on either, and the service derives the seeds.
 */
function startInput(spec: Spec, sweep: Record<string, unknown[]>, description: string, repeat = 1) {
  const more = repeat > 1 ? { repeat } : {};
  if (!Object.keys(sweep).length) return { spec: { ...spec, ...more } };
  const name = spec.name || `sweep of ${Object.keys(sweep).join(' × ')}`;
  return { experiment: { name, description, base: spec, sweep, ...more } };
}
