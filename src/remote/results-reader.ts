/**
 * The app's side of the result stream: reads through a consumer group, writes each entry into
 * SQLite (idempotent, see RemoteRuns) and acknowledges it only after the commit. Entries read but
 * not acknowledged when the app died stay pending for this consumer and are read again first, so
 * the database catches up with no gap and no duplicate however often the app stops.
 */
import type { Redis } from 'ioredis';
import type { SchedulerEvents } from '../api/scheduler.ts';
import type { RemoteRuns } from '../store/index.ts';
import { parseEntry, type ResultEntry } from './messages.ts';
import { RESULTS_GROUP, type RemoteNames } from './names.ts';

/** One app per database reads its stream; a fixed name lets a restarted app claim what it left pending. */
const CONSUMER = 'workbench';
const BATCH = 100;

type StreamReply = Array<[string, Array<[string, string[]]>]> | null;

export class ResultsReader {
  private groupReady = false;

  constructor(
    /** a connection of its own: XREADGROUP BLOCK holds it */
    private readonly redis: Redis,
    private readonly names: RemoteNames,
    private readonly runs: RemoteRuns,
    private readonly events: SchedulerEvents = {},
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** Apply every entry on the stream now (pending ones first); resolves with how many were read. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.readOnce(0);
      total += n;
      if (n === 0) return total;
    }
  }

  /** Read one batch, waiting up to `blockMs` for new entries; resolves with how many were read. */
  async readOnce(blockMs: number): Promise<number> {
    await this.ensureGroup();
    // own pending entries first: read before a crash, never acknowledged
    const pending = await this.read('0', 0);
    if (pending > 0) return pending;
    return this.read('>', blockMs);
  }

  private async read(from: '0' | '>', blockMs: number): Promise<number> {
    const args: Array<string | number> = ['GROUP', RESULTS_GROUP, CONSUMER, 'COUNT', BATCH];
    if (from === '>' && blockMs > 0) args.push('BLOCK', blockMs);
    const reply = (await this.redis.call('XREADGROUP', ...args, 'STREAMS', this.names.results, from)) as StreamReply;
    const entries = reply?.[0]?.[1] ?? [];
    for (const [id, fields] of entries) {
      // a deleted entry still pending comes back without fields: nothing to apply
      if (fields) this.apply(id, fields);
      await this.redis.xack(this.names.results, RESULTS_GROUP, id);
    }
    return entries.length;
  }

  private apply(id: string, fields: string[]): void {
    let entry: ResultEntry;
    try {
      entry = parseEntry(fields);
    } catch (err) {
      // acknowledged and skipped: a malformed entry must not stop every later result
      this.log(`result ${id} skipped: ${(err as Error).message}`);
      return;
    }
    // a store error (disk full, database locked) throws before the acknowledgement: read again later
    const { runId, attempt, at } = entry;
    if (entry.type === 'started') {
      const r = this.runs.started(runId, { attempt, backend: entry.backend, machine: entry.machine, at });
      if (r === 'applied') this.events.onStarted?.(runId, entry.backend);
    } else if (entry.type === 'epoch') {
      if (this.runs.epoch(runId, attempt, entry.record) === 'applied') this.events.onEpoch?.(runId, entry.record);
    } else if (entry.type === 'finished') {
      const r = this.runs.finished(runId, { attempt, status: entry.status, message: entry.message, at });
      if (r === 'applied')
        this.events.onFinished?.(runId, {
          status: entry.status,
          epochs: entry.epochs,
          message: entry.message ?? undefined,
        });
    }
  }

  private async ensureGroup(): Promise<void> {
    if (this.groupReady) return;
    try {
      await this.redis.xgroup('CREATE', this.names.results, RESULTS_GROUP, '0', 'MKSTREAM');
    } catch (err) {
      if (!/BUSYGROUP/.test((err as Error).message)) throw err;
    }
    this.groupReady = true;
  }
}
