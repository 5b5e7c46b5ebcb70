/** `optimizer`: the update rule and its hyper-parameters. */
import { z } from 'zod';
import { strictObject } from '../strict.ts';
import { OPTIMIZERS } from '../vocabulary.ts';

export const optimizerSchema = strictObject({
  kind: z.enum(OPTIMIZERS).default('adam'),
  learningRate: z.number().positive().max(10).default(1e-3),
  momentum: z.number().min(0).max(0.999).default(0.9),
  weightDecay: z.number().min(0).max(1).default(0),
  /** clip the global gradient L2 norm to this value (absent = no clipping) */
  clipNorm: z.number().positive().optional(),
});
