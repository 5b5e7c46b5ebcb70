/** Reading a spec or experiment file for `run`, and applying `--set` overrides to it. */
import { readFileSync } from 'node:fs';
import { isExperiment, setPath } from '../experiment/sweep.ts';
import { CliError, EXIT } from './exit-codes.ts';
import type { Override } from './flags.ts';

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
      EXIT.badInput,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${file} is not valid JSON: ${(err as Error).message}`, EXIT.badInput);
  }
}

/** The request `runs.start` and `spec.validate` take: the file as a spec, or as an experiment. */
export type RunRequest = { spec: unknown } | { experiment: unknown };

export function requestOf(raw: unknown): RunRequest {
  return isExperiment(raw) ? { experiment: raw } : { spec: raw };
}

/** The request with every override set on the spec, or on the experiment's base (sweep axes still win). */
export function withOverrides(request: RunRequest, overrides: Override[]): RunRequest {
  const apply = (spec: unknown) =>
    overrides.reduce((s, o) => setPath(s, o.path, o.value), (spec ?? {}) as Record<string, unknown>);
  if ('spec' in request) return { spec: apply(request.spec) };
  const e = request.experiment as Record<string, unknown>;
  return { experiment: { ...e, base: apply(e.base) } };
}
