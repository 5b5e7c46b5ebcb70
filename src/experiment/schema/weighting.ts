/** `weighting`: how task losses become one loss (each method is a strategy in src/train/weighting). */
import { z } from 'zod';
import { strictObject } from '../strict.ts';
import { WEIGHTINGS } from '../vocabulary.ts';

export const weightingSchema = strictObject({
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
