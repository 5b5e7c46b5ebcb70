/**
 * Reading a spec or experiment file for `run` (the shared loader: BOM, UTF-8, JSON positions,
 * relative IDX paths), applying `--set` overrides, and the checks made before anything is created.
 */
import { resolve } from 'node:path';
import { SpecError, type SpecIssue } from '../experiment/issues.ts';
import { SpecFileError, loadSpecFile, type LoadedSpecFile } from '../experiment/load-file.ts';
import { preflight, specsOf } from '../experiment/preflight.ts';
import { parseSpec, type Spec } from '../experiment/spec.ts';
import { setPath } from '../experiment/sweep.ts';
import { CliError, EXIT } from './exit-codes.ts';
import type { Override } from './flags.ts';

/** The request `runs.start` and `spec.validate` take: the file as a spec, or as an experiment. */
export type RunRequest = { spec: unknown } | { experiment: unknown };

export interface RunFile {
  request: RunRequest;
  specs: Spec[];
}

/** The kind the schema fills in for a spec without `data`, so `--set data.trainCount=…` has one too. */
const DEFAULT_DATA_KIND = parseSpec({}).data.kind;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const IDX_PATH = /^data\.(images|labels|valImages|valLabels)$/;

/**
 * `spec` with every override set; a `data.*` path on a spec without data starts from the default
 * kind, and a relative IDX path typed on the command line is made absolute against the working folder.
 */
export function applyOverrides(spec: Record<string, unknown>, overrides: Override[]): Record<string, unknown> {
  return overrides.reduce((s, o) => {
    const start = o.path.startsWith('data.') && !isRecord(s.data) ? { ...s, data: { kind: DEFAULT_DATA_KIND } } : s;
    const value = IDX_PATH.test(o.path) && typeof o.value === 'string' && o.value ? resolve(o.value) : o.value;
    return setPath(start, o.path, value);
  }, spec);
}

const issueLines = (issues: SpecIssue[]) => issues.map((i) => `\n  ${i.field || '(spec)'}: ${i.message}`).join('');

/** `work`, with a SpecError turned into a bad-input CliError led by `lead`. */
function attempt<T>(work: () => T, lead: string): T {
  try {
    return work();
  } catch (err) {
    // a problem with the file as a whole already names the file
    if (err instanceof SpecFileError) throw new CliError(err.issues.map((i) => i.message).join('\n'), EXIT.badInput);
    if (err instanceof SpecError) throw new CliError(`${lead}:${issueLines(err.issues)}`, EXIT.badInput);
    throw err;
  }
}

/** The file with `overrides` on its spec (an experiment's base), validated; `base` is what was sent. */
function load(file: string, overrides: Override[], lead: string): { loaded: LoadedSpecFile; base: unknown } {
  let base: unknown = {};
  const loaded = attempt(() => loadSpecFile(file, (s) => (base = applyOverrides(s, overrides))), lead);
  return { loaded, base };
}

/**
 * Validate `file` as written (an override does not excuse a bad value in it), then with its
 * overrides, then the data files and the memory budget (`maxMemory` bytes). Throws CliError (exit 2).
 */
export function loadRunFile(file: string, overrides: Override[], maxMemory?: number): RunFile {
  let { loaded, base } = load(file, [], `invalid spec in ${file}`);
  if (overrides.length)
    ({ loaded, base } = load(file, overrides, 'invalid spec after the overrides (--set, --epochs, --backend)'));
  const specs = specsOf(loaded);
  attempt(() => preflight(specs, { maxMemory }), `cannot run ${file}`);
  if (loaded.kind === 'spec') return { request: { spec: base }, specs };
  const { name, description, sweep, repeat } = loaded.experiment;
  return { request: { experiment: { name, description, sweep, repeat, base } }, specs };
}
