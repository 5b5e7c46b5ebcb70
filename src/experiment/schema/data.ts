/** `data`: synthetic shapes (the embedded default) or IDX files (MNIST / Fashion-MNIST format). */
import { z } from 'zod';
import { int, strictObject } from '../strict.ts';
import { SHAPE_KINDS } from '../vocabulary.ts';

export const shapesDataSchema = strictObject({
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

/** An IDX file path; relative paths are resolved against the spec file's folder by the file loader. */
const idxPath = z.string().min(1).max(4096);

export const idxDataSchema = strictObject({
  kind: z.literal('idx'),
  /** IDX image file (raw or .gz), e.g. train-images-idx3-ubyte.gz */
  images: idxPath,
  /** IDX label file (raw or .gz) */
  labels: idxPath,
  /** optional separate validation files; otherwise `validationSplit` of the training files is held out */
  valImages: idxPath.optional(),
  valLabels: idxPath.optional(),
  validationSplit: z.number().min(0.01).max(0.9).default(0.1),
  /** use at most this many training samples (after the split) */
  limit: int(16, 10_000_000).optional(),
  /** pixel intensity (0..1) above which a pixel belongs to the mask */
  maskThreshold: z.number().min(0).max(1).default(0.5),
}).refine((d) => (d.valImages === undefined) === (d.valLabels === undefined), {
  message: 'valImages and valLabels must be given together',
  path: ['valLabels'],
});

export const dataSchema = z.discriminatedUnion('kind', [shapesDataSchema, idxDataSchema]);

export type DataSpec = z.infer<typeof dataSchema>;
