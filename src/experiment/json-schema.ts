/** JSON Schemas of the spec and the experiment file, generated from the zod schemas (docs/, editors). */
import { z } from 'zod';
import { specSchema } from './spec.ts';
import { experimentSchema } from './sweep.ts';

export function jsonSchemas(): Record<string, unknown> {
  const opts = { io: 'input', unrepresentable: 'any' } as const;
  return {
    'spec.schema.json': {
      $id: 'https://gradient-workbench.local/spec.schema.json',
      title: 'Gradient Workbench run spec',
      ...z.toJSONSchema(specSchema, opts),
    },
    'experiment.schema.json': {
      $id: 'https://gradient-workbench.local/experiment.schema.json',
      title: 'Gradient Workbench experiment (base spec + sweep axes)',
      ...z.toJSONSchema(experimentSchema, opts),
    },
  };
}
