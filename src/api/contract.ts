/**
 * The one contract between the renderer and the service: every method's input schema (validated
 * at every door: IPC, HTTP, in-process) and output type, every event's payload, and the reply
 * envelope. Browser-safe: imports zod and types only, so the renderer uses it too.
 */
import { z } from 'zod';
import type { BackendDiagnosis, BackendReport } from '../domain/backend.ts';
import { compareLayerFieldsSchema, type CompareData } from '../domain/compare.ts';
import type { EpochRecord, ProgressEvent } from '../domain/records.ts';
import { listRunsQuerySchema } from '../domain/run-query.ts';
import type { RunStatus } from '../domain/run-status.ts';
import { STUDY_SIZES, type StudyInfo, type StudyResult, type StudyRunSummary } from '../domain/studies.ts';
import type { Experiment as StoreExperiment, ListRunsResult, RunDetail } from '../domain/runs.ts';
import type { Spec } from '../experiment/spec.ts';

export { COMPARE_LAYER_FIELDS } from '../domain/compare.ts';
export type { CompareData, CompareLayerField, CompareSeries } from '../domain/compare.ts';

const id = z.string().min(1).max(100);
const ids = (min: number, max: number) => z.array(id).min(min).max(max);
export const EXPORT_FORMATS = ['csv', 'csv-wide', 'json'] as const;

export const inputs = {
  'runs.start': z
    .object({
      spec: z.unknown().optional(),
      experiment: z.unknown().optional(),
      /** where to train: this machine, or the remote queue set in Settings (absent: the service's default) */
      on: z.enum(['local', 'remote']).optional(),
    })
    .strict()
    .refine((o) => (o.spec === undefined) !== (o.experiment === undefined), {
      message: 'give exactly one of spec or experiment',
    }),
  'runs.cancel': z.object({ id }).strict(),
  'runs.list': listRunsQuerySchema,
  'runs.get': z.object({ id }).strict(),
  'runs.epochs': z
    .object({ id, from: z.number().int().min(1).optional(), to: z.number().int().min(1).optional() })
    .strict(),
  'runs.compare': z
    .object({
      ids: ids(2, 20),
      /** layer statistics to send as layer × epoch matrices (default: gradL2, dzL2, updateRatio) */
      layerFields: compareLayerFieldsSchema.optional(),
    })
    .strict(),
  'runs.update': z
    .object({
      id,
      name: z.string().max(200).optional(),
      tags: z.array(z.string().min(1).max(64)).max(32).optional(),
      notes: z.string().max(10_000).optional(),
    })
    .strict(),
  'runs.delete': z.object({ ids: ids(1, 10_000) }).strict(),
  'runs.export': z
    .object({ ids: ids(0, 10_000), experimentId: id.optional(), format: z.enum(EXPORT_FORMATS) })
    .strict(),
  'runs.active': z.object({}).strict(),
  /** the one run whose id starts with `prefix` (what a person types: the first 8+ characters) */
  'runs.resolve': z
    .object({ prefix: z.string().regex(/^[0-9a-fA-F-]{8,36}$/, 'must be 8 to 36 characters of a run id') })
    .strict(),
  'experiments.list': z.object({}).strict(),
  'presets.list': z.object({}).strict(),
  'spec.validate': z.object({ spec: z.unknown().optional(), experiment: z.unknown().optional() }).strict(),
  'backends.diagnose': z.object({}).strict(),
  'app.info': z.object({}).strict(),
  /** settings applied to the running service; the upper bound of `parallel` (cores × 2) is checked by the service */
  'app.configure': z.object({ parallel: z.number().int().min(1).max(1024).optional() }).strict(),
  /** whether an IDX file exists, is readable and valid: images (count×rows×cols) or labels (count) */
  'data.check': z.object({ path: z.string().min(1).max(4096), kind: z.enum(['images', 'labels']) }).strict(),
  'studies.list': z.object({}).strict(),
  /** start a built-in study; `set` overrides spec fields of every run (dotted path → value), as the CLI's --set */
  'studies.run': z
    .object({
      name: z.string().min(1).max(64),
      size: z.enum(STUDY_SIZES).default('quick'),
      seeds: z.number().int().min(1).max(20).optional(),
      set: z.record(z.string().min(1).max(200), z.unknown()).optional(),
    })
    .strict(),
  'studies.runs': z.object({}).strict(),
  'studies.result': z.object({ id }).strict(),
  'remote.status': z.object({}).strict(),
  /** set (url) or clear (null) the remote queue; the password, if any, is kept in memory only */
  'remote.configure': z
    .object({
      url: z.string().min(1).max(2000).nullable(),
      password: z.string().max(1000).optional(),
      tls: z.boolean().optional(),
    })
    .strict(),
} as const;

export type Method = keyof typeof inputs;
export const METHODS = Object.keys(inputs) as Method[];
export type Input<M extends Method> = z.input<(typeof inputs)[M]>;

export interface SpecIssueOut {
  field: string;
  message: string;
}

export interface Preset {
  id: string;
  title: string;
  description: string;
  /** a spec input, or an experiment input when `kind` is 'experiment' */
  kind: 'spec' | 'experiment';
  value: Record<string, unknown>;
}

export type BackendDiagnosisOut = BackendDiagnosis;

/** What data.check found; `problem` says why a file cannot be used, in words, without its bytes. */
export type DataCheck =
  | { ok: true; path: string; kind: 'images' | 'labels'; dims: number[]; count: number; bytes: number }
  | { ok: false; path: string; kind: 'images' | 'labels'; problem: string };

export interface ConfigDiff {
  /** dotted spec path */
  path: string;
  /** one value per compared run, in order */
  values: unknown[];
}

export interface Outputs {
  'runs.start': { runIds: string[]; experimentId: string | null };
  'runs.cancel': { cancelled: boolean };
  'runs.list': ListRunsResult;
  'runs.get': RunDetail;
  'runs.epochs': EpochRecord[];
  /** `data` by run id: column-wise series and layer × epoch matrices, no histograms */
  'runs.compare': { runs: RunDetail[]; diff: ConfigDiff[]; data: Record<string, CompareData> };
  'runs.update': RunDetail;
  'runs.delete': { deleted: number };
  'runs.export': { filename: string; mime: string; content: string };
  'runs.active': { queued: string[]; running: string[]; progress: Record<string, ProgressEvent> };
  'runs.resolve': { id: string };
  'experiments.list': StoreExperiment[];
  'presets.list': Preset[];
  'spec.validate': { ok: boolean; issues: SpecIssueOut[]; runs: number; specs: Spec[] };
  'backends.diagnose': { diagnoses: BackendDiagnosisOut[]; lastUsed: BackendReport | null };
  'app.info': {
    version: string;
    dbPath: string;
    readOnly: boolean;
    readOnlyReason: string | null;
    parallel: number;
    /** the largest `parallel` app.configure accepts: twice the machine's cores */
    maxParallel: number;
    /** bytes of the database file plus its write-ahead log; null when they cannot be read */
    dbBytes: number | null;
    door: 'ipc' | 'web' | 'local';
  };
  'app.configure': { parallel: number };
  'data.check': DataCheck;
  'studies.list': StudyInfo[];
  'studies.run': { studyRunId: string; runIds: string[]; experimentIds: string[] };
  'studies.runs': StudyRunSummary[];
  'studies.result': StudyResult;
  'remote.status': RemoteStatus;
  'remote.configure': RemoteStatus;
}

/** The remote queue as the app sees it; the URL is shown without its password. */
export interface RemoteStatus {
  configured: boolean;
  url: string | null;
  tls: boolean;
  /** runs.start without `on` goes to the remote queue */
  isDefault: boolean;
  /** remote runs of this database not yet ended */
  openRuns: number;
}

export type Output<M extends Method> = Outputs[M];

export interface Events {
  'run.started': { runId: string; backend: BackendReport };
  'run.progress': ProgressEvent;
  'run.epoch': { runId: string; record: EpochRecord };
  'run.finished': { runId: string; status: RunStatus; epochs: number; message: string | null };
  'runs.changed': { reason: 'created' | 'updated' | 'deleted' };
}

export type EventName = keyof Events;
/** An entry per event: this object fails to compile when an event is missing or unknown. */
const EVENT_SET = {
  'run.started': true,
  'run.progress': true,
  'run.epoch': true,
  'run.finished': true,
  'runs.changed': true,
} as const satisfies Record<EventName, true>;
export const EVENTS = Object.keys(EVENT_SET) as EventName[];

export const ERROR_CODES = [
  'invalid_argument',
  'not_found',
  'read_only',
  'invalid_state',
  'unknown_method',
  'unauthorized',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** dotted path of the offending field when the error is about one input field */
  field?: string;
  /** every invalid field, for forms */
  issues?: SpecIssueOut[];
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What every client (preload bridge, web bridge, in-process) offers the renderer. */
export interface ApiClient {
  invoke<M extends Method>(method: M, input: Input<M>): Promise<Envelope<Output<M>>>;
  subscribe<E extends EventName>(event: E, cb: (payload: Events[E]) => void): () => void;
}

/**
 * What the desktop app offers the renderer beyond the methods above: native dialogs, which only
 * the Electron main process can open. The preload exposes it as `window.desktop`; in a browser
 * (serve mode) it is absent and the renderer shows what to do instead.
 */
export type DataFileKind = 'images' | 'labels';

export interface DesktopApi {
  /** A native file picker for an IDX file: the chosen path, or null when cancelled. */
  pickDataFile(kind: DataFileKind): Promise<string | null>;
  /**
   * File ▸ Open database…: pick a file, confirm cancelling running runs, reopen the service on it.
   * On success every window reloads on the new database; false when cancelled or refused.
   */
  openDatabase(): Promise<boolean>;
}
