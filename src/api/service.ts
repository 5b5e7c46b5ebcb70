/**
 * The service behind the contract: validates every request, runs it against the store and the
 * scheduler, and emits events. Every door (IPC adapter, web bridge, tests) calls `handle`.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { exportCsvLong, exportCsvWide, exportJson, stringifyJsonExport } from '../export/index.ts';
import { parseSpec, type Spec } from '../experiment/spec.ts';
import { expandExperiment } from '../experiment/sweep.ts';
import type { RunStore } from '../store/index.ts';
import type { ProgressEvent } from '../domain/records.ts';
import {
  type Envelope,
  type EventName,
  type Events,
  inputs,
  type Input,
  type Method,
  type Output,
} from './contract.ts';
import { ApiFailure, fromZod, toApiError } from './errors.ts';
import { loadPresets } from './presets.ts';
import { Scheduler } from './scheduler.ts';
import { specDiff } from './spec-diff.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export interface ServiceOptions {
  store: RunStore;
  dbPath: string;
  /** runs trained at once (default: one per core) */
  parallel?: number;
  door?: 'ipc' | 'web' | 'local';
}

type Handlers = { [M in Method]: (input: Input<M>) => Output<M> | Promise<Output<M>> };

export class Service {
  readonly scheduler: Scheduler;
  private readonly emitter = new EventEmitter();
  private readonly progress = new Map<string, ProgressEvent>();
  private readonly handlers: Handlers;

  constructor(private readonly o: ServiceOptions) {
    this.emitter.setMaxListeners(0);
    this.scheduler = new Scheduler(
      o.store,
      {
        onStarted: (runId, backend) => this.emit('run.started', { runId, backend }),
        onProgress: (p) => (this.progress.set(p.runId, p), this.emit('run.progress', p)),
        onEpoch: (runId, record) => this.emit('run.epoch', { runId, record }),
        onFinished: (runId, end) => {
          this.progress.delete(runId);
          this.emit('run.finished', { runId, status: end.status, epochs: end.epochs, message: end.message ?? null });
        },
      },
      o.parallel,
    );
    this.handlers = this.createHandlers();
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
    this.o.store.close();
  }

  private expand(input: { spec?: unknown; experiment?: unknown }): {
    name: string | null;
    sweep: unknown;
    specs: Spec[];
  } {
    if (input.experiment !== undefined) {
      const e = expandExperiment(input.experiment);
      return { name: e.name, sweep: e.sweep, specs: e.runs.map((r) => r.spec) };
    }
    return { name: null, sweep: null, specs: [parseSpec(input.spec)] };
  }

  private runIdsFor(input: { ids: string[]; experimentId?: string }): string[] {
    const extra = input.experimentId
      ? this.o.store
          .listRuns({ experimentId: input.experimentId, limit: 1000, sort: 'created', dir: 'asc' })
          .items.map((r) => r.id)
      : [];
    const all = [...new Set([...input.ids, ...extra])];
    if (!all.length)
      throw new ApiFailure({
        code: 'invalid_argument',
        field: 'ids',
        message: 'ids: name at least one run (or an experimentId)',
      });
    for (const id of all) this.get(id);
    return all;
  }

  private get(id: string) {
    const run = this.o.store.getRun(id);
    if (!run) throw new ApiFailure({ code: 'not_found', field: 'id', message: `no run with id ${id}` });
    return run;
  }

  private createHandlers(): Handlers {
    const store = this.o.store;
    return {
      'runs.start': (input) => {
        const plan = this.expand(input);
        const experimentId = plan.name ? store.createExperiment({ name: plan.name, sweep: plan.sweep }) : null;
        const runIds = this.scheduler.enqueue(plan.specs, { experimentId });
        this.emit('runs.changed', { reason: 'created' });
        return { runIds, experimentId };
      },
      'runs.cancel': ({ id }) => {
        this.get(id);
        return { cancelled: this.scheduler.cancel(id) };
      },
      'runs.list': (q) => store.listRuns(q),
      'runs.get': ({ id }) => this.get(id),
      'runs.epochs': ({ id, from, to }) => (this.get(id), store.getEpochs(id, { from, to })),
      'runs.compare': ({ ids, layerFields }) => {
        const runs = ids.map((id) => this.get(id));
        // column-wise, histograms never read; layerFields absent: the store's default (gradL2, dzL2, updateRatio)
        const data = Object.fromEntries([...new Set(ids)].map((id) => [id, store.compareData(id, { layerFields })]));
        return { runs, diff: specDiff(runs.map((r) => r.spec)), data };
      },
      'runs.update': ({ id, ...patch }) => {
        this.get(id);
        store.updateRun(id, patch);
        this.emit('runs.changed', { reason: 'updated' });
        return this.get(id);
      },
      'runs.delete': ({ ids }) => {
        ids.forEach((id) => this.get(id));
        const { running, queued } = this.scheduler.active;
        const busy = ids.filter((id) => running.includes(id) || queued.includes(id));
        if (busy.length)
          throw new ApiFailure({
            code: 'invalid_state',
            field: 'ids',
            message: `cancel run ${busy.join(', ')} before deleting it`,
          });
        const deleted = store.deleteRuns(ids);
        this.emit('runs.changed', { reason: 'deleted' });
        return { deleted };
      },
      'runs.export': (input) => {
        const ids = this.runIdsFor(input);
        const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
        if (input.format === 'json')
          return {
            filename: `gradient-workbench-${stamp}.json`,
            mime: 'application/json',
            content: stringifyJsonExport(exportJson(store, ids), 2),
          };
        const content = input.format === 'csv' ? exportCsvLong(store, ids) : exportCsvWide(store, ids);
        return {
          filename: `gradient-workbench-${stamp}${input.format === 'csv' ? '' : '-wide'}.csv`,
          mime: 'text/csv',
          content,
        };
      },
      'runs.active': () => ({ ...this.scheduler.active, progress: Object.fromEntries(this.progress) }),
      'experiments.list': () => store.listExperiments(),
      'presets.list': () => loadPresets(),
      'spec.validate': (input) => {
        try {
          const plan = this.expand(input.experiment === undefined ? { spec: input.spec ?? {} } : input);
          return { ok: true, issues: [], runs: plan.specs.length, specs: plan.specs };
        } catch (err) {
          const e = toApiError(err);
          if (e.code !== 'invalid_argument') throw err;
          return { ok: false, issues: e.issues ?? [{ field: e.field ?? '', message: e.message }], runs: 0, specs: [] };
        }
      },
      'backends.diagnose': async () => {
        // in a worker: this process (CLI, serve, Electron main) never loads tfjs
        const { diagnoseBackends } = await import('../train/backend/diagnose-in-worker.ts');
        const last = store.listRuns({ limit: 20 }).items.find((r) => r.startedAt);
        return {
          diagnoses: await diagnoseBackends(),
          lastUsed: last ? (store.getRun(last.id)?.backend ?? null) : null,
        };
      },
      'app.info': () => ({
        version: pkg.version,
        dbPath: this.o.dbPath,
        readOnly: store.readOnly,
        readOnlyReason: store.readOnlyReason,
        parallel: this.scheduler.parallel,
        door: this.o.door ?? 'local',
      }),
    };
  }
}
