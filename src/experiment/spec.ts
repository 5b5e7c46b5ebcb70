/**
 * The experiment spec: the one validated description of a run.
 * Every door (CLI, IPC, HTTP) parses input with `parseSpec`; types are inferred from the schema.
 * Each section has its own schema under schema/; this file composes them and is the public entry.
 * Every object is strict: an unknown key is an error naming its path and the closest known field.
 */
import { z } from 'zod';
import { checkNesting } from './depth.ts';
import { issuesOf, type SpecIssue, SpecError } from './issues.ts';
import { dataSchema } from './schema/data.ts';
import { cnnShapeProblem, modelSchema, trunkLayerCount } from './schema/model.ts';
import { optimizerSchema } from './schema/optimizer.ts';
import { statsSchema } from './schema/stats.ts';
import { tasksSchema } from './schema/tasks.ts';
import { weightingSchema } from './schema/weighting.ts';
import { int, plainError, strictObject } from './strict.ts';
import { BACKENDS } from './vocabulary.ts';

export * from './vocabulary.ts';
export { dataSchema, idxDataSchema, shapesDataSchema, type DataSpec } from './schema/data.ts';
export { cnnShapeProblem, modelSchema, trunkLayerCount, type ModelSpec } from './schema/model.ts';
export { auxSchema, taskSchema, tasksSchema, type TaskSpec } from './schema/tasks.ts';
export { weightingSchema } from './schema/weighting.ts';
export { optimizerSchema } from './schema/optimizer.ts';
export { statsSchema } from './schema/stats.ts';
export { capIssues, issuesOf, SpecError, type SpecIssue, underField } from './issues.ts';
export { plainError } from './strict.ts';

export const specSchema = strictObject({
  name: z.string().max(200).default(''),
  tags: z.array(z.string().min(1).max(64)).max(32).default([]),
  notes: z.string().max(10_000).default(''),
  data: dataSchema.prefault({ kind: 'shapes' }),
  model: modelSchema.prefault({}),
  tasks: tasksSchema,
  weighting: weightingSchema.prefault({}),
  optimizer: optimizerSchema.prefault({}),
  epochs: int(1, 10_000).default(10),
  batchSize: int(1, 4096).default(64),
  seed: int(0, 2 ** 31 - 1).default(42),
  backend: z.enum(BACKENDS).default('auto'),
  stats: statsSchema.prefault({}),
}).superRefine((s, ctx) => {
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
  // IDX image sizes are known only once a file header is read: checkDataFiles applies the same rule
  const shrink = s.data.kind === 'shapes' && cnnShapeProblem(s.model, s.data.imageSize, s.data.imageSize);
  if (shrink) ctx.addIssue({ code: 'custom', path: ['model', 'depth'], message: shrink });
});

export type Spec = z.infer<typeof specSchema>;
export type SpecInput = z.input<typeof specSchema>;

/** Every problem with `input` as a spec (empty when it is valid), in plain language. */
export function specIssues(input: unknown): SpecIssue[] {
  const nesting = checkNesting(input);
  if (nesting) return [nesting];
  const r = specSchema.safeParse(input, { error: plainError });
  return r.success ? [] : issuesOf(r.error);
}

/** Validate and fill defaults; throws SpecError naming every bad field. */
export function parseSpec(input: unknown): Spec {
  const nesting = checkNesting(input);
  if (nesting) throw new SpecError([nesting]);
  const r = specSchema.safeParse(input, { error: plainError });
  if (!r.success) throw new SpecError(issuesOf(r.error));
  return r.data;
}
