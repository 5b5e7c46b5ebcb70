/**
 * The Service a CLI command talks to: over the database named by --db, else $GRADIENT_WORKBENCH_DB,
 * else the user's data folder. The seam a test uses to swap in its own Service.
 */
import { Service, type ServiceOptions } from '../api/service.ts';
import type { RemoteConfig } from '../remote/connection.ts';
import { defaultDatabasePath, openStore, type RunStore } from '../store/index.ts';

export interface ServiceRequest {
  dbPath: string;
  parallel?: number;
  door: 'local' | 'web';
  /** read commands: never create a database, and say at once when there is none */
  mustExist?: boolean;
  /** the memory budget in bytes for each run (default: the service's) */
  maxMemory?: number;
  /** serve mode: the folders a spec's data files must lie in */
  dataRoots?: string[];
  /** a Redis queue to train on instead of this machine (run --remote, sync) */
  remote?: RemoteConfig;
  /** where the notes about opening the database go (standard error) */
  note: (line: string) => void;
}

export type ServiceFactory = (o: ServiceRequest) => Service;

export function resolveDbPath(flag: string | undefined): string {
  return flag ?? defaultDatabasePath();
}

function openNoisily({ dbPath, note, mustExist }: ServiceRequest): RunStore {
  const store = openStore(dbPath, { mustExist });
  if (store.readOnly) note(`note: ${store.readOnlyReason}`);
  if (store.backupPath) note(`note: database migrated; the previous file was copied to ${store.backupPath}`);
  if (store.interruptedOnOpen)
    note(`note: ${store.interruptedOnOpen} run(s) left running by a process that died are now marked interrupted`);
  return store;
}

/**
 * A store opened on first use: `run` validates its file through the service before anything is
 * stored, and a bad spec must not even create the database file. Closing an unopened one is a no-op.
 */
function lazyStore(open: () => RunStore): RunStore {
  let store: RunStore | null = null;
  return new Proxy({} as RunStore, {
    get(_target, prop) {
      if (prop === 'close' && !store) return () => {};
      store ??= open();
      const value: unknown = Reflect.get(store, prop, store);
      return typeof value === 'function' ? value.bind(store) : value;
    },
  });
}

/** The CLI's own Service; `extra` lets a test train with injected jobs. */
export function openCliService(o: ServiceRequest, extra: Partial<ServiceOptions> = {}): Service {
  // a read command opens at once, so a missing or damaged database is its one-line answer
  const store = o.mustExist ? openNoisily(o) : lazyStore(() => openNoisily(o));
  return new Service({
    store,
    dbPath: o.dbPath,
    parallel: o.parallel,
    door: o.door,
    maxMemory: o.maxMemory,
    dataRoots: o.dataRoots,
    remote: o.remote,
    ...extra,
  });
}
