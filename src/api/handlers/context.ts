/** What every handler map works with, and the one lookup they all share. */
import type { Spec } from '../../experiment/spec.ts';
import type { RunStore } from '../../store/index.ts';
import type { ProgressEvent } from '../../domain/records.ts';
import type { EventName, Events, Input, Method, Output } from '../contract.ts';
import { ApiFailure } from '../errors.ts';
import type { Scheduler } from '../scheduler.ts';

export type Handlers = { [M in Method]: (input: Input<M>) => Output<M> | Promise<Output<M>> };
/** The handlers of one domain: its methods, and only those. */
export type HandlerMap<M extends Method> = Pick<Handlers, M>;

export interface HandlerContext {
  store: RunStore;
  scheduler: Scheduler;
  /** the latest progress of each running run, for runs.active */
  progress: ReadonlyMap<string, ProgressEvent>;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  dbPath: string;
  door: 'ipc' | 'web' | 'local';
  /** serve mode: the folders data files must lie in; absent, any file may be named */
  dataRoots?: string[];
  /** data files, data roots and the memory budget of every spec; throws SpecError before anything exists */
  preflight(specs: Spec[]): void;
}

export function getRun(store: RunStore, id: string) {
  const run = store.getRun(id);
  if (!run) throw new ApiFailure({ code: 'not_found', field: 'id', message: `no run with id ${id}` });
  return run;
}
