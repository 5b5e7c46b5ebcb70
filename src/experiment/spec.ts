/**
 * The experiment spec: the one validated description of a run.
 * Every door (CLI, IPC, HTTP) parses input with `parseSpec`; types are inferred from the schema.
 */
import { z } from 'zod';

export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'linear'] as const;
export const INITS = [
  'glorot_uniform',
  'glorot_normal',
  'he_normal',
  'he_uniform',
  'lecun_normal',
  'standard',
] as const;
export const NORMS = ['none', 'batch', 'layer'] as const;
export const TASK_KINDS = ['cls', 'seg', 'recon'] as const;
export const WEIGHTINGS = ['fixed', 'equal', 'uncertainty', 'dwa', 'gradnorm', 'pcgrad', 'mgda'] as const;
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export const BACKENDS = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export const SHAPE_KINDS = ['circle', 'square', 'triangle', 'cross', 'ring', 'diamond'] as const;

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const shapesDataSchema = z
  .object({
    kind: z.literal('shapes'),
    /** side of the square image, pixels */
    imageSize: int(8, 128).default(32),
    shapes: z.array(z.enum(SHAPE_KINDS)).min(2).max(SHAPE_KINDS.length).default(['circle', 'square', 'triangle']),
    trainCount: int(16, 200_000).default(2048),
    valCount: int(8, 50_000).default(512),
    /** std of additive Gaussian pixel noise, on a 0..1 intensity scale */
    noise: z.number().min(0).max(1).default(0.1),
    /** shape radius as a fraction of the image side */
    minScale: z.number().min(0.05).max(0.5).default(0.15),
    maxScale: z.number().min(0.05).max(0.5).default(0.4),
    /** data seed; defaults to the run's seed when absent */
    seed: int(0, 2 ** 31 - 1).optional(),
  })
  .refine((d) => d.minScale <= d.maxScale, { message: 'minScale must be ≤ maxScale', path: ['minScale'] })
  .refine((d) => new Set(d.shapes).size === d.shapes.length, { message: 'shapes must be unique', path: ['shapes'] });

export const idxDataSchema = z.object({
  kind: z.literal('idx'),
  /** IDX image file (raw or .gz), e.g. train-images-idx3-ubyte.gz */
  images: z.string().min(1),
  /** IDX label file (raw or .gz) */
  labels: z.string().min(1),
  /** optional separate validation files; otherwise `validationSplit` of the training files is held out */
  valImages: z.string().min(1).optional(),
  valLabels: z.string().min(1).optional(),
  validationSplit: z.number().min(0.01).max(0.9).default(0.1),
  /** use at most this many training samples (after the split) */
  limit: int(16, 10_000_000).optional(),
  /** pixel intensity (0..1) above which a pixel belongs to the mask */
  maskThreshold: z.number().min(0).max(1).default(0.5),
});

export const dataSchema = z.discriminatedUnion('kind', [shapesDataSchema, idxDataSchema]);

export const modelSchema = z.object({
  trunk: z.enum(['mlp', 'cnn']).default('mlp'),
  /** number of trunk layers (dense for mlp, conv for cnn) */
  depth: int(1, 64).default(4),
  /** units per dense layer (mlp) or filters of the first conv layer (cnn) */
  width: int(1, 4096).default(64),
  activation: z.enum(ACTIVATIONS).default('relu'),
  init: z.enum(INITS).default('glorot_uniform'),
  norm: z.enum(NORMS).default('none'),
  /** identity skip around each trunk layer whose input and output shapes match */
  residual: z.boolean().default(false),
  /** cnn only: square kernel side */
  kernelSize: int(1, 7).default(3),
  /** cnn only: every n-th conv layer has stride 2 and doubles its filters (0 = never) */
  downsampleEvery: int(0, 64).default(2),
  /** cnn only: a dense layer after flattening the conv trunk (0 = none); counts as a trunk layer */
  denseUnits: int(0, 4096).default(128),
  /** hidden units in each head before its output layer (0 = linear head) */
  headHidden: int(0, 4096).default(0),
});

export const taskSchema = z
  .object({
    kind: z.enum(TASK_KINDS),
    /** seg only: per-pixel loss */
    loss: z.enum(['bce', 'l1']).default('bce'),
    /** weight under `fixed` weighting */
    weight: z.number().min(0).max(1000).default(1),
    primary: z.boolean().default(false),
    /** deep supervision: an extra head for this task on trunk layer `layer` (1-based) */
    aux: z
      .object({
        layer: int(1, 64),
        weight: z.number().min(0).max(1000).default(0.3),
      })
      .optional(),
  })
  .strict();

export const weightingSchema = z.object({
  method: z.enum(WEIGHTINGS).default('fixed'),
  /** two-task shorthand for fixed weighting: primary gets λ, the other task 1 − λ */
  lambda: z.number().min(0).max(1).optional(),
  /** DWA temperature (Liu 2019) */
  temperature: z.number().positive().max(100).default(2),
  /** GradNorm asymmetry α (Chen 2018) */
  alpha: z.number().min(0).max(10).default(1.5),
  /** learning rate of GradNorm's task weights */
  weightLr: z.number().positive().max(10).default(0.025),
});

export const optimizerSchema = z.object({
  kind: z.enum(OPTIMIZERS).default('adam'),
  learningRate: z.number().positive().max(10).default(1e-3),
  momentum: z.number().min(0).max(0.999).default(0.9),
  weightDecay: z.number().min(0).max(1).default(0),
  /** clip the global gradient L2 norm to this value (absent = no clipping) */
  clipNorm: z.number().positive().optional(),
});

export const statsSchema = z.object({
  histogramBins: int(4, 256).default(64),
  /** run the dL/dz, activation and task-gradient probes every n epochs (the first and last always run) */
  probeEvery: int(1, 1000).default(1),
  /** samples in the fixed probe batch, drawn from the validation split */
  probeBatchSize: int(8, 1024).default(32),
});

export const specSchema = z
  .object({
    name: z.string().max(200).default(''),
    tags: z.array(z.string().min(1).max(64)).max(32).default([]),
    notes: z.string().max(10_000).default(''),
    data: dataSchema.prefault({ kind: 'shapes' }),
    model: modelSchema.prefault({}),
    tasks: z
      .array(taskSchema)
      .min(1)
      .max(3)
      .prefault([{ kind: 'cls' }]),
    weighting: weightingSchema.prefault({}),
    optimizer: optimizerSchema.prefault({}),
    epochs: int(1, 10_000).default(10),
    batchSize: int(1, 4096).default(64),
    seed: int(0, 2 ** 31 - 1).default(42),
    backend: z.enum(BACKENDS).default('auto'),
    stats: statsSchema.prefault({}),
  })
  .strict()
  .superRefine((s, ctx) => {
    const kinds = s.tasks.map((t) => t.kind);
    if (new Set(kinds).size !== kinds.length)
      ctx.addIssue({ code: 'custom', path: ['tasks'], message: 'each task kind may appear once' });
    if (s.tasks.filter((t) => t.primary).length > 1)
      ctx.addIssue({ code: 'custom', path: ['tasks'], message: 'at most one task may be primary' });
    const layers = trunkLayerCount(s.model);
    s.tasks.forEach((t, i) => {
      if (t.aux && layers >= 1 && t.aux.layer > layers)
        ctx.addIssue({
          code: 'custom',
          path: ['tasks', i, 'aux', 'layer'],
          message: `must be ≤ the trunk's ${layers} layers`,
        });
    });
    if (s.weighting.lambda !== undefined && s.tasks.length !== 2)
      ctx.addIssue({ code: 'custom', path: ['weighting', 'lambda'], message: 'λ needs exactly two tasks' });
    if (s.model.trunk === 'cnn' && s.data.kind === 'shapes' && s.model.downsampleEvery > 0) {
      const downs = Math.floor(s.model.depth / s.model.downsampleEvery);
      if (s.data.imageSize / 2 ** downs < 1)
        ctx.addIssue({
          code: 'custom',
          path: ['model', 'depth'],
          message: `${downs} stride-2 layers shrink a ${s.data.imageSize}px image below 1px`,
        });
    }
  });

export type Spec = z.infer<typeof specSchema>;
export type SpecInput = z.input<typeof specSchema>;
export type TaskSpec = z.infer<typeof taskSchema>;
export type ModelSpec = z.infer<typeof modelSchema>;
export type DataSpec = z.infer<typeof dataSchema>;
export type Activation = (typeof ACTIVATIONS)[number];
export type Init = (typeof INITS)[number];
export type TaskKind = (typeof TASK_KINDS)[number];
export type WeightingMethod = (typeof WEIGHTINGS)[number];
export type BackendName = (typeof BACKENDS)[number];

/** Trunk layers that carry statistics: the dense layers of an mlp; the convs (+ optional dense) of a cnn. */
export function trunkLayerCount(m: Pick<ModelSpec, 'trunk' | 'depth' | 'denseUnits'>): number {
  return m.trunk === 'cnn' && m.denseUnits > 0 ? m.depth + 1 : m.depth;
}

export interface SpecIssue {
  /** dotted path of the offending field, e.g. `model.depth` or `tasks.1.aux.layer` */
  field: string;
  message: string;
}

export class SpecError extends Error {
  constructor(readonly issues: SpecIssue[]) {
    super(issues.map((i) => `${i.field || '(spec)'}: ${i.message}`).join('\n'));
    this.name = 'SpecError';
  }
}

export function issuesOf(error: z.ZodError): SpecIssue[] {
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ field: [...i.path, k].join('.'), message: 'is not a known field' }))
      : [{ field: i.path.join('.'), message: i.message }],
  );
}

/** Validate and fill defaults; throws SpecError naming every bad field. */
export function parseSpec(input: unknown): Spec {
  const r = specSchema.safeParse(input);
  if (!r.success) throw new SpecError(issuesOf(r.error));
  return r.data;
}
