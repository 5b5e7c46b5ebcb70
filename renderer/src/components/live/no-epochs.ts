/** What Live says where the charts would be when a run has no stored epoch. */
import type { RunStatus } from '@core/domain/run-status.ts';

const ENDED: Partial<Record<RunStatus, string>> = {
  diverged: 'diverged (its loss became NaN or Inf)',
  failed: 'failed',
  cancelled: 'was cancelled',
  interrupted: 'was interrupted (the app stopped)',
};

/** A run that is over must not read as one still waiting for its first epoch. */
export function noEpochsText(status: RunStatus): string {
  if (status === 'running' || status === 'queued')
    return 'No epoch finished yet: the charts appear after the first one.';
  const how = ENDED[status];
  if (!how) return 'This run finished without storing an epoch: there is nothing to chart.';
  return `This run ${how} before its first epoch finished: no epoch was stored, so there is nothing to chart.`;
}
