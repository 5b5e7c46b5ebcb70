/**
 * The one Service the desktop app runs, bound to IPC; swapped when the user opens another
 * database. Plain Node (no Electron import), so tests drive it with a fake ipcMain.
 */
import { resolve } from 'node:path';
import { Service } from '../src/api/service.ts';
import { openStore, type RunStore } from '../src/store/index.ts';
import { bindContract, type Binding, type BindOptions, type IpcMainLike, type WebContentsLike } from './ipc-adapter.ts';

export interface ServiceHostOptions extends BindOptions {
  ipcMain: IpcMainLike;
  webContentsList: () => Iterable<WebContentsLike>;
  /** runs trained at once (default: the service's) */
  parallel?: number;
}

/** What opening a database had to say (shown to the user when not null). */
export interface OpenNotes {
  readOnlyReason: string | null;
  backupPath: string | null;
  interrupted: number;
}

export class ServiceHost {
  private current: { service: Service; store: RunStore; dbPath: string; binding: Binding } | null = null;

  constructor(private readonly o: ServiceHostOptions) {}

  get service(): Service | null {
    return this.current?.service ?? null;
  }

  get dbPath(): string | null {
    return this.current?.dbPath ?? null;
  }

  /** Runs queued or running now (the user is asked before they are cancelled). */
  get busy(): number {
    const a = this.current?.service.scheduler.active;
    return a ? a.queued.length + a.running.length : 0;
  }

  /**
   * Open `dbPath` and serve it. The new store is opened before the old service is touched, so a
   * file that fails to open leaves the current one serving; the old service is then closed
   * (its running runs cancelled, their epochs kept).
   */
  async open(dbPath: string): Promise<OpenNotes> {
    const path = resolve(dbPath);
    if (this.current?.dbPath === path) return notes(this.current.store);
    const store = openStore(path);
    const service = new Service({ store, dbPath: path, door: 'ipc', parallel: this.o.parallel });
    const previous = this.current;
    // unbind and bind with no await between: the renderer never meets a missing handler
    previous?.binding.unbind();
    const binding = bindContract(this.o.ipcMain, service, this.o.webContentsList, { trust: this.o.trust });
    this.current = { service, store, dbPath: path, binding };
    await previous?.service.close();
    return notes(store);
  }

  /** Cancel running runs, wait for their workers, close the database. Idempotent. */
  async close(): Promise<void> {
    const c = this.current;
    this.current = null;
    if (!c) return;
    c.binding.unbind();
    await c.service.close();
  }
}

function notes(store: RunStore): OpenNotes {
  return {
    readOnlyReason: store.readOnly ? store.readOnlyReason : null,
    backupPath: store.backupPath ?? null,
    interrupted: store.interruptedOnOpen ?? 0,
  };
}
