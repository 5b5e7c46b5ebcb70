/** `stats`: how much gradient statistics each epoch records. */
import { z } from 'zod';
import { int, strictObject } from '../strict.ts';

export const statsSchema = strictObject({
  histogramBins: int(4, 256).default(64),
  /** run the dL/dz, activation and task-gradient probes every n epochs (the first and last always run) */
  probeEvery: int(1, 1000).default(1),
  /** samples in the fixed probe batch, drawn from the validation split */
  probeBatchSize: int(8, 1024).default(32),
  /**
   * gradient health: a trunk layer is dead when its RMS of dL/dz is more than this many decades
   * (powers of ten) below the largest trunk layer's
   */
  healthDecades: z.number().min(0.5).max(30).default(3),
});
