/**
 * Argument validation for every public store method. Failures throw InvalidArgumentError
 * naming the method and the dotted field, e.g. `appendEpoch: record.layers.2.gradL2: …`.
 */
import { z } from 'zod';
import { compareLayerFieldsSchema } from '../domain/compare.ts';
import { LAYER_STATS, type LayerStatRow } from '../domain/layer-stats.ts';
import type { EpochRecord } from '../domain/records.ts';
import { isRunStatus, listRunsQuerySchema, runStatusSchema, uuidSchema } from '../domain/run-query.ts';
import { FINAL_STATUSES, type RunStatus } from '../domain/run-status.ts';
import { InvalidArgumentError } from './errors.ts';

/** Parse `value` with `schema`, or throw naming `method` and the offending field under `arg`. */
export function check<T>(schema: z.ZodType<T>, value: unknown, method: string, arg: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = [arg, ...issue.path.map(String)].join('.');
  throw new InvalidArgumentError(field, `${method}: ${field}: ${issue.message}`);
}

export const idSchema = uuidSchema;
export const idsSchema = z.array(idSchema).max(100_000);
export const nameSchema = z.string().max(200);
export const notesSchema = z.string().max(10_000);
export const tagsSchema = z
  .array(z.string().min(1).max(64))
  .max(32)
  .refine((t) => new Set(t).size === t.length, { message: 'tags must be unique' });

export const statusSchema = runStatusSchema;
export const finalStatusSchema = z.custom<RunStatus>((v) => isRunStatus(v) && FINAL_STATUSES.includes(v), {
  message: `must be one of ${FINAL_STATUSES.join(', ')}`,
});

export const createExperimentSchema = z.object({
  name: z.string().min(1).max(200),
  sweep: z.unknown().optional(),
});

export const createRunSchema = z.object({
  spec: z.unknown(),
  name: nameSchema,
  tags: tagsSchema,
  notes: notesSchema,
  experimentId: idSchema.nullable().optional(),
});

export const updateRunSchema = z
  .object({ name: nameSchema.optional(), tags: tagsSchema.optional(), notes: notesSchema.optional() })
  .strict()
  .refine((u) => u.name !== undefined || u.tags !== undefined || u.notes !== undefined, {
    message: 'give at least one of name, tags, notes',
  });

export const listRunsSchema = listRunsQuerySchema;

export const compareOptionsSchema = z.object({ layerFields: compareLayerFieldsSchema.optional() }).strict();

export const epochRangeSchema = z
  .object({ from: z.number().int().min(1).optional(), to: z.number().int().min(1).optional() })
  .strict();

/** any JS number, NaN and ±Infinity included: a diverged epoch must still be stored */
const num = z.custom<number>((v) => typeof v === 'number', { message: 'must be a number' });
const count = z.number().int().min(0).max(0xffff_ffff);
const label = z.string().min(1).max(200);

/** Every statistic of LAYER_STATS: a number, or null too for the nullable ones. */
const layerStatShape = Object.fromEntries(
  LAYER_STATS.map((st) => [st.field, st.nullable ? num.nullable() : num]),
) as unknown as {
  [R in LayerStatRow as R['field']]: R['nullable'] extends true ? z.ZodNullable<typeof num> : typeof num;
};

const layerSchema = z.object({
  layer: label,
  index: z.number().int().min(0),
  kind: z.enum(['dense', 'conv', 'head']),
  trunk: z.boolean(),
  params: count,
  ...layerStatShape,
  histogram: z.object({ min: num, max: num, counts: z.array(count).max(100_000) }),
});

const healthSchema = z.object({
  dzRatio: num.nullable(),
  wRatio: num.nullable(),
  weakestLayer: label.nullable(),
  weakestLog10: num.nullable(),
  deadLayers: z.array(label).nullable(),
  alive: z.number().int().min(0).nullable(),
  trunkLayers: z.number().int().min(0),
  decades: z.number().positive(),
  healthFrom: z.number().int().min(1).nullable(),
});

export const epochRecordSchema: z.ZodType<EpochRecord> = z
  .object({
    epoch: z.number().int().min(1),
    durationMs: num,
    samplesPerSec: num,
    metrics: z.array(z.object({ task: label, split: z.enum(['train', 'val']), name: label, value: num })),
    weights: z.record(z.string(), num),
    layers: z.array(layerSchema),
    taskGrads: z.array(z.object({ task: label, norm: num })),
    taskCosines: z.array(z.object({ a: label, b: label, cosine: num })),
    vanishingRatio: num.nullable(),
    health: healthSchema,
    probed: z.boolean(),
    partial: z.boolean(),
    divergence: z
      .object({ batch: z.number().int().min(1), batches: z.number().int().min(1), loss: num })
      .refine((d) => d.batch <= d.batches, { message: 'batch must be at most batches', path: ['batch'] })
      .nullable(),
  })
  .superRefine((r, ctx) => {
    if (r.partial !== (r.divergence !== null))
      ctx.addIssue({
        code: 'custom',
        path: ['divergence'],
        message: r.partial ? 'a partial epoch needs its divergence' : 'only a partial epoch has a divergence',
      });
    const dup = (field: string, keys: string[]) => {
      const seen = new Set<string>();
      keys.forEach((k, i) => {
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [field, i], message: `duplicate entry ${k}` });
        seen.add(k);
      });
    };
    dup(
      'metrics',
      r.metrics.map((m) => `${m.task}/${m.split}/${m.name}`),
    );
    dup(
      'layers',
      r.layers.map((l) => `index ${l.index}`),
    );
    dup(
      'taskGrads',
      r.taskGrads.map((t) => t.task),
    );
    dup(
      'taskCosines',
      r.taskCosines.map((c) => `${c.a}/${c.b}`),
    );
  });

export const backendSchema = z.object({
  name: z.string().min(1).max(200),
  detail: z.string().max(2000),
  skipped: z.array(z.object({ name: z.string().max(200), reason: z.string().max(10_000) })).max(100),
  parityMaxAbsDiff: num.nullable(),
  nativeTier: z
    .object({
      on: z.boolean(),
      detail: z.string().max(2000).nullable(),
      reason: z.string().max(10_000).nullable(),
      next: z.string().max(10_000).nullable(),
    })
    .optional(),
});

export const errorTextSchema = z.string().max(100_000).nullable().optional();

/** anything JSON.stringify turns into a JSON document (no functions, cycles or BigInt) */
export const jsonValueSchema = z.unknown().refine(
  (v) => {
    try {
      return v === undefined || JSON.stringify(v) !== undefined;
    } catch {
      return false;
    }
  },
  { message: 'must be JSON-serialisable' },
);
