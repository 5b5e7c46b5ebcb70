/** Field-named problems with a spec or an experiment, and the error that carries them. */
import type { z } from 'zod';
import type { UnknownKeyHints } from './strict.ts';

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

/** One issue per bad field; an object with several unknown keys gives one issue per key. */
export function issuesOf(error: z.ZodError): SpecIssue[] {
  return error.issues.flatMap((i) => {
    if (i.code !== 'unrecognized_keys') return [{ field: i.path.join('.'), message: i.message }];
    const hints = (i as UnknownKeyHints).fieldHints ?? {};
    return i.keys.map((k) => ({ field: [...i.path, k].join('.'), message: hints[k] ?? 'is not a known field' }));
  });
}

/** `issues` prefixed with `prefix` (e.g. `base`), for a spec nested in something larger. */
export const underField = (prefix: string, issues: SpecIssue[]): SpecIssue[] =>
  issues.map((i) => ({ ...i, field: [prefix, i.field].filter(Boolean).join('.') }));

/** At most `max` issues, the rest summed up in one, so a 10 000-run sweep cannot flood a message. */
export function capIssues(issues: SpecIssue[], max = 50): SpecIssue[] {
  if (issues.length <= max) return issues;
  return [...issues.slice(0, max), { field: '', message: `… and ${issues.length - max} more problems` }];
}
