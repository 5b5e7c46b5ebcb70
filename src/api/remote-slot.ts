/**
 * The service's remote queue, which Settings can set, change or clear while the app runs. Opened
 * with one (`run --remote`, `serve --remote`), runs.start goes there unless told `on: 'local'`.
 */
import type { SchedulerEvents } from './scheduler.ts';
import { type RemoteConfig } from '../remote/connection.ts';
import { RemoteLink } from '../remote/link.ts';
import type { RunStore } from '../store/index.ts';

export class RemoteSlot {
  link: RemoteLink | null = null;
  private config: RemoteConfig | null = null;

  constructor(
    private readonly store: RunStore,
    private readonly events: SchedulerEvents,
    initial: RemoteConfig | undefined,
    /** runs.start without `on` trains remotely */
    readonly isDefault = initial !== undefined,
  ) {
    if (initial) this.link = new RemoteLink(store, initial, events);
    this.config = initial ?? null;
  }

  /** Replace the queue (null clears it); a bad URL throws RemoteConfigError and keeps the old one. */
  async configure(config: RemoteConfig | null): Promise<void> {
    const next = config ? new RemoteLink(this.store, config, this.events) : null;
    const old = this.link;
    this.link = next;
    this.config = config;
    await old?.close();
    // results that arrived while no app was open are read first, then followed
    next?.follow();
  }

  get tls(): boolean {
    return this.link?.target.tls ?? !!this.config?.tls;
  }

  async close(): Promise<void> {
    await this.link?.close();
  }
}
