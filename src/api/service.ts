/**
 * The service behind the contract: validates every request, hands it to its domain's handler
 * map (runs, export, experiments, system), and emits events. Every door (IPC adapter, web bridge,
 * CLI, tests) calls `handle`.
 */
import { EventEmitter } from 'node:events';
import { preflight } from '../experiment/preflight.ts';
import type { RunStore } from '../store/index.ts';
import type { ProgressEvent } from '../domain/records.ts';
import { type Envelope, type EventName, type Events, inputs, type Method } from './contract.ts';
import { fromZod, toApiError } from './errors.ts';
import type { HandlerContext, Handlers } from './handlers/context.ts';
import { dataHandlers } from './handlers/data.ts';
import { experimentHandlers } from './handlers/experiments.ts';
import { exportHandlers } from './handlers/runs-export.ts';
import { runHandlers } from './handlers/runs.ts';
import { studyHandlers } from './handlers/studies.ts';
import { systemHandlers } from './handlers/system.ts';
import { type JobFactory, Scheduler, type SchedulerEvents } from './scheduler.ts';
import { remoteRunHandlers } from './handlers/runs-remote.ts';
import type { RemoteConfig } from '../remote/connection.ts';
import type { RemoteLink } from '../remote/link.ts';
import { RemoteSlot } from './remote-slot.ts';

export interface ServiceOptions {
  store: RunStore;
  dbPath: string;
  /** runs trained at once, an integer ≥ 1 (default: one per core) */
  parallel?: number;
  door?: 'ipc' | 'web' | 'local';
  /** the memory budget of one run in bytes (default: half the machine, or $GRADIENT_WORKBENCH_MAX_MEMORY) */
  maxMemory?: number;
  /** serve mode: data files must lie inside these folders; absent, any file may be named */
  dataRoots?: string[];
  /** how a run is trained (default: a worker thread); tests inject jobs without tfjs */
  startJob?: JobFactory;
  /** a Redis queue that remote workers train this database's runs from (runs.start submits there) */
  remote?: RemoteConfig;
}

export class Service {
  readonly scheduler: Scheduler;
  private readonly remoteSlot: RemoteSlot;
  private readonly emitter = new EventEmitter();
  private readonly progress = new Map<string, ProgressEvent>();
  private readonly handlers: Handlers;

  constructor(private readonly o: ServiceOptions) {
    this.emitter.setMaxListeners(0);
    const events: SchedulerEvents = {
      onStarted: (runId, backend) => this.emit('run.started', { runId, backend }),
      onProgress: (p) => (this.progress.set(p.runId, p), this.emit('run.progress', p)),
      onEpoch: (runId, record) => this.emit('run.epoch', { runId, record }),
      onFinished: (runId, end) => {
        this.progress.delete(runId);
        this.emit('run.finished', { runId, status: end.status, epochs: end.epochs, message: end.message ?? null });
      },
    };
    this.scheduler = new Scheduler(o.store, events, { parallel: o.parallel, startJob: o.startJob });
    // results of remote runs reach the store and the same events as local ones
    this.remoteSlot = new RemoteSlot(o.store, events, o.remote);
    const ctx: HandlerContext = {
      store: o.store,
      scheduler: this.scheduler,
      progress: this.progress,
      emit: (event, payload) => this.emit(event, payload),
      dbPath: o.dbPath,
      door: o.door ?? 'local',
      dataRoots: o.dataRoots,
      preflight: (specs) => preflight(specs, { maxMemory: o.maxMemory, dataRoots: o.dataRoots }),
    };
    this.handlers = {
      ...runHandlers(ctx),
      ...exportHandlers(ctx),
      ...experimentHandlers(ctx),
      ...systemHandlers(ctx),
      ...studyHandlers(ctx),
      ...dataHandlers(ctx),
      ...remoteRunHandlers(ctx, this.remoteSlot),
    };
  }

  /** Validate the input, run the method, answer with an envelope — never throws. */
  async handle(method: string, input: unknown): Promise<Envelope<unknown>> {
    if (!Object.hasOwn(inputs, method))
      return { ok: false, error: { code: 'unknown_method', message: `unknown method ${method}` } };
    const m = method as Method;
    const parsed = inputs[m].safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: fromZod(parsed.error) };
    try {
      return { ok: true, value: await (this.handlers[m] as (i: unknown) => unknown)(parsed.data) };
    } catch (err) {
      return { ok: false, error: toApiError(err) };
    }
  }

  /** the remote queue, when one is set */
  get remote(): RemoteLink | null {
    return this.remoteSlot.link;
  }

  on<E extends EventName>(event: E, cb: (payload: Events[E]) => void): () => void {
    this.emitter.on(event, cb);
    return () => this.emitter.off(event, cb);
  }

  private emit<E extends EventName>(event: E, payload: Events[E]): void {
    this.emitter.emit(event, payload);
  }

  /** Cancel everything, wait for the workers, close the database. */
  async close(): Promise<void> {
    this.scheduler.cancelAll();
    await this.scheduler.idle();
    await this.remoteSlot.close();
    this.o.store.close();
  }
}
