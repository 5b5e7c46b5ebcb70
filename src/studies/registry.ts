/** The built-in studies, in the order `studies.list` shows them. */
import { ApiFailure } from '../api/errors.ts';
import { deepSupervision } from './deep-supervision.ts';
import { glorotInit } from './glorot-init.ts';
import { heDepth } from './he-depth.ts';
import { seedMultitask } from './seed-multitask.ts';
import type { StudyDefinition } from './types.ts';
import { weightingConflict } from './weighting-conflict.ts';

export const STUDIES: readonly StudyDefinition[] = [
  glorotInit,
  heDepth,
  deepSupervision,
  seedMultitask,
  weightingConflict,
];

/** The study named `name`; invalid_argument naming the known ones otherwise. */
export function findStudy(name: string): StudyDefinition {
  const study = STUDIES.find((s) => s.name === name);
  if (study) return study;
  throw new ApiFailure({
    code: 'invalid_argument',
    field: 'name',
    message: `unknown study \`${name}\`; known: ${STUDIES.map((s) => s.name).join(', ')}`,
  });
}
