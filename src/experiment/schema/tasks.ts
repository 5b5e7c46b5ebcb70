/** `tasks`: one to three heads, each with its loss, its fixed weight and an optional auxiliary head. */
import { z } from 'zod';
import { int, strictObject } from '../strict.ts';
import { TASK_KINDS } from '../vocabulary.ts';

export const auxSchema = strictObject({
  /** the trunk layer (1-based) the extra head reads */
  layer: int(1, 64),
  weight: z.number().min(0).max(1000).default(0.3),
});

export const taskSchema = strictObject({
  kind: z.enum(TASK_KINDS),
  /** seg only: per-pixel loss */
  loss: z.enum(['bce', 'l1']).default('bce'),
  /** weight under `fixed` weighting */
  weight: z.number().min(0).max(1000).default(1),
  primary: z.boolean().default(false),
  /** deep supervision: an extra head for this task on trunk layer `layer` (1-based) */
  aux: auxSchema.optional(),
});

export const tasksSchema = z
  .array(taskSchema)
  .min(1)
  .max(3)
  .prefault([{ kind: 'cls' }]);

export type TaskSpec = z.infer<typeof taskSchema>;
