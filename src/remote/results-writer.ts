/**
 * The worker's side of the result stream. Appends go out in order on one connection; they are
 * chained so a failed append is reported once and `flush()` waits until every entry is on the
 * server (during an outage ioredis holds them and sends them on reconnect).
 */
import type { Redis } from 'ioredis';
import { entryFields, type ResultEntry } from './messages.ts';

export class ResultsWriter {
  private last: Promise<unknown> = Promise.resolve();
  private error: Error | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly stream: string,
  ) {}

  append(entry: ResultEntry): void {
    this.last = this.redis.xadd(this.stream, '*', ...entryFields(entry)).catch((err: Error) => {
      this.error ??= err;
    });
  }

  /** Resolves when every append so far reached Redis; throws the first append that failed. */
  async flush(): Promise<void> {
    await this.last;
    if (this.error) throw this.error;
  }
}
