/**
 * Key names on the Redis server. Each workbench database has its own queue and result stream,
 * named by the database's id (workbench_meta.database_id), so two databases never share one.
 */
const PREFIX = 'gradient-workbench';

/** A set of the database ids that have submitted work: workers serve every queue listed there. */
export const QUEUE_REGISTRY = `${PREFIX}:queues`;

/** The consumer group the app (or `sync`) reads results through; one per stream. */
export const RESULTS_GROUP = 'workbench';

export interface RemoteNames {
  databaseId: string;
  /** the BullMQ queue */
  queue: string;
  /** the Redis Stream of started / epoch / finished entries */
  results: string;
  /** pub/sub channel: a run's per-batch progress (ephemeral, never on the result stream) */
  progressChannel: string;
  /** pub/sub channel: a run id to cancel */
  cancelChannel: string;
  /** set of cancelled run ids, checked by a worker before it starts a job (a message can be missed) */
  cancelled: string;
}

const DATABASE_ID = /^[0-9a-f]{32}$/;

export function remoteNames(databaseId: string): RemoteNames {
  if (!DATABASE_ID.test(databaseId)) throw new Error(`database id: must be 32 hex digits (got "${databaseId}")`);
  return {
    databaseId,
    queue: `gw-${databaseId}`,
    results: `${PREFIX}:${databaseId}:results`,
    progressChannel: `${PREFIX}:${databaseId}:progress`,
    cancelChannel: `${PREFIX}:${databaseId}:cancel`,
    cancelled: `${PREFIX}:${databaseId}:cancelled`,
  };
}

/**
 * The job id of a run: a resubmitted run gets the same id, and BullMQ ignores an add whose id it
 * already holds, so no run is trained twice. "." joins the two because BullMQ refuses ":" in ids.
 */
export const jobIdOf = (experimentId: string | null, runId: string) => `${experimentId ?? 'single'}.${runId}`;
