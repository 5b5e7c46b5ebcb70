/** JSON Schemas of the spec and the experiment file, generated from the zod schemas (docs/, editors). */
import { z } from 'zod';
import { MAX_REPEAT, repeatSchema } from './repeat.ts';
import { specSchema } from './spec.ts';
import { experimentSchema } from './sweep.ts';

/** A spec FILE (or request) may also say `repeat`; the stored spec never does (see repeat.ts). */
function withRepeat(schema: Record<string, unknown>): Record<string, unknown> {
  const repeat = {
    ...z.toJSONSchema(repeatSchema),
    description: `runs of this spec, one per derived seed (1..${MAX_REPEAT}); the first keeps \`seed\``,
  };
  delete repeat.$schema;
  return { ...schema, properties: { ...(schema.properties as object), repeat } };
}

export function jsonSchemas(): Record<string, unknown> {
  const opts = { io: 'input', unrepresentable: 'any' } as const;
  return {
    'spec.schema.json': {
      $id: 'https://gradient-workbench.local/spec.schema.json',
      title: 'Gradient Workbench run spec',
      ...withRepeat(z.toJSONSchema(specSchema, opts)),
    },
    'experiment.schema.json': {
      $id: 'https://gradient-workbench.local/experiment.schema.json',
      title: 'Gradient Workbench experiment (base spec + sweep axes)',
      ...z.toJSONSchema(experimentSchema, opts),
    },
  };
}
