/**
 * The one contract between the renderer and the service: every method's input schema (validated
 * at every door: IPC, HTTP, in-process) and output type, every event's payload, and the reply
 * envelope. Browser-safe: imports zod and types only, so the renderer uses it too.
 */
import { z } from 'zod';
import type { Spec } from '../experiment/spec.ts';
import type {
  CompareData,
  CompareLayerField,
  Experiment as StoreExperiment,
  ListRunsResult,
  RunDetail,
} from '../store/types.ts';
import type { BackendReport, EpochRecord, ProgressEvent, RunStatus } from '../train/records.ts';

export type { CompareData, CompareLayerField, CompareSeries } from '../store/types.ts';

const id = z.string().min(1).max(100);
const ids = (min: number, max: number) => z.array(id).min(min).max(max);
const STATUSES = ['queued', 'running', 'completed', 'cancelled', 'failed', 'diverged', 'interrupted'] as const;
export const EXPORT_FORMATS = ['csv', 'csv-wide', 'json'] as const;

/** Layer statistics runs.compare can send (the store's CompareLayerField, checked both ways below). */
export const COMPARE_LAYER_FIELDS = [
  'gradL2',
  'gradMeanAbs',
  'gradStd',
  'gradMaxAbs',
  'gradSmallFrac',
  'dzL2',
  'dzStd',
  'weightL2',
  'updateRatio',
  'actMean',
  'actStd',
  'actSaturation',
] as const satisfies readonly CompareLayerField[];
/** every CompareLayerField is listed: this line fails to compile when one is missing */
const _allCompareFields: Exclude<CompareLayerField, (typeof COMPARE_LAYER_FIELDS)[number]> extends never
  ? true
  : never = true;
void _allCompareFields;

export const inputs = {
  'runs.start': z
    .object({ spec: z.unknown().optional(), experiment: z.unknown().optional() })
    .strict()
    .refine((o) => (o.spec === undefined) !== (o.experiment === undefined), {
      message: 'give exactly one of spec or experiment',
    }),
  'runs.cancel': z.object({ id }).strict(),
  'runs.list': z
    .object({
      status: z.enum(STATUSES).optional(),
      tag: z.string().max(64).optional(),
      text: z.string().max(200).optional(),
      experimentId: id.optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      offset: z.number().int().min(0).optional(),
      sort: z.enum(['created', 'name', 'status', 'duration']).optional(),
      dir: z.enum(['asc', 'desc']).optional(),
    })
    .strict(),
  'runs.get': z.object({ id }).strict(),
  'runs.epochs': z
    .object({ id, from: z.number().int().min(1).optional(), to: z.number().int().min(1).optional() })
    .strict(),
  'runs.compare': z
    .object({
      ids: ids(2, 20),
      /** layer statistics to send as layer × epoch matrices (default: gradL2, dzL2, updateRatio) */
      layerFields: z.array(z.enum(COMPARE_LAYER_FIELDS)).max(COMPARE_LAYER_FIELDS.length).optional(),
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
  'experiments.list': z.object({}).strict(),
  'presets.list': z.object({}).strict(),
  'spec.validate': z.object({ spec: z.unknown().optional(), experiment: z.unknown().optional() }).strict(),
  'backends.diagnose': z.object({}).strict(),
  'app.info': z.object({}).strict(),
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

export interface BackendDiagnosisOut {
  name: string;
  available: boolean;
  reason: string | null;
  detail: string | null;
}

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
    door: 'ipc' | 'web' | 'local';
  };
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
export const EVENTS: EventName[] = ['run.started', 'run.progress', 'run.epoch', 'run.finished', 'runs.changed'];

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
