/**
 * The runs-list query: one schema, used by the store (its argument check) and by the contract
 * (the `runs.list` input), so the limits cannot drift apart. Defaults are applied on parse.
 */
import { z } from 'zod';
import { RUN_STATUSES, type RunStatus } from './run-status.ts';

export const RUN_SORTS = ['created', 'name', 'status', 'duration', 'experiment', 'tags', 'health', 'metric'] as const;
export type RunSort = (typeof RUN_SORTS)[number];
export const SORT_DIRS = ['asc', 'desc'] as const;
export type SortDir = (typeof SORT_DIRS)[number];

/** a final metric as `task/metric`; the characters are those of task ids and metric names */
export const METRIC_KEY = /^[A-Za-z0-9_-]+\/[A-Za-z0-9_]+$/;

/** 8-4-4-4-12 hex, any version (runs and experiments get crypto.randomUUID()) */
export const uuidSchema = z.guid({ message: 'must be a UUID' });

export const isRunStatus = (v: unknown): v is RunStatus =>
  typeof v === 'string' && (RUN_STATUSES as readonly string[]).includes(v);
export const runStatusSchema = z.custom<RunStatus>(isRunStatus, {
  message: `must be one of ${RUN_STATUSES.join(', ')}`,
});

export const listRunsQuerySchema = z
  .object({
    status: runStatusSchema.optional(),
    tag: z.string().min(1).max(64).optional(),
    /** substring of the run name, notes or experiment name (case-insensitive for ASCII) */
    text: z.string().max(200).optional(),
    experimentId: uuidSchema.optional(),
    limit: z.number().int().min(1).max(1000).default(50),
    offset: z.number().int().min(0).default(0),
    sort: z.enum(RUN_SORTS).default('created'),
    dir: z.enum(SORT_DIRS).default('desc'),
    /** the final validation metric `sort: 'metric'` orders by, as task/metric (e.g. cls/accuracy) */
    metric: z
      .string()
      .max(100)
      .regex(METRIC_KEY, 'must be task/metric, e.g. cls/accuracy (letters, digits, _ and -)')
      .optional(),
  })
  .strict()
  .refine((q) => q.sort !== 'metric' || q.metric !== undefined, {
    path: ['metric'],
    message: "is required with sort 'metric': which final validation metric to sort by, e.g. cls/accuracy",
  });

/** What a caller may pass: every field optional. */
export type ListRunsQuery = z.input<typeof listRunsQuerySchema>;
/** After parsing: limit, offset, sort and dir filled in. */
export type NormalizedListQuery = z.output<typeof listRunsQuerySchema>;
