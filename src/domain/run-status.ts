/** A run's lifecycle words (DESIGN.md "Words"), and the data splits its metrics are measured on. */

export const RUN_STATUSES = [
  'queued',
  'running',
  'completed',
  'cancelled',
  'failed',
  'diverged',
  'interrupted',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Statuses a run ends in: once there, it never changes again. */
export const FINAL_STATUSES: readonly RunStatus[] = ['completed', 'cancelled', 'failed', 'diverged', 'interrupted'];

export const SPLITS = ['train', 'val'] as const;
export type Split = (typeof SPLITS)[number];
