/**
 * A sweep of more than BIG_SWEEP runs is started only after a yes, with an estimate of its time
 * from finished runs like it (runs.list, then runs.get for their specs) — or "unknown".
 */
import type { ApiClient } from '@core/api/contract.ts';
import type { Spec } from '@core/experiment/spec.ts';
import { ref } from 'vue';
import { call } from '../api/client.ts';
import { estimateSweep, formatDuration } from '../design/estimate.ts';

export const BIG_SWEEP = 20;
/** finished runs read for an estimate: the most recent ones */
const SAMPLE = 12;

export function useBigSweep(api: ApiClient) {
  /** the start waiting for a yes, and what the question says */
  const pending = ref<{ mode: 'run' | 'queue'; runs: number; estimate: string } | null>(null);

  async function estimateText(spec: Spec, runs: number, parallel: number): Promise<string> {
    try {
      const list = await call(api, 'runs.list', { status: 'completed', limit: SAMPLE });
      const past = await Promise.all(list.items.map((r) => call(api, 'runs.get', { id: r.id })));
      const e = estimateSweep(spec, runs, parallel, past);
      if (!e) return 'Estimated time: unknown (no finished run of a similar size on this backend yet).';
      const perEpoch = formatDuration(e.perEpochMs).replace('about ', '');
      return `Estimated time: ${formatDuration(e.totalMs)} (${parallel} at a time; ${perEpoch} per epoch in ${e.basis} similar finished run${e.basis === 1 ? '' : 's'}).`;
    } catch {
      return 'Estimated time: unknown (could not read past runs).';
    }
  }

  /** True when the start may go ahead now; otherwise it asks first and `confirm` starts it. */
  async function mayStart(mode: 'run' | 'queue', spec: Spec | null, runs: number, parallel: number) {
    if (runs <= BIG_SWEEP || !spec) return true;
    pending.value = { mode, runs, estimate: 'Estimating the time…' };
    const estimate = await estimateText(spec, runs, parallel);
    if (pending.value?.runs === runs) pending.value = { ...pending.value, estimate };
    return false;
  }

  return { pending, mayStart };
}
