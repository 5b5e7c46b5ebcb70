/**
 * Reading a spec or experiment FILE (node only; the renderer never reaches it). Bytes → UTF-8 text
 * (a BOM is accepted, invalid UTF-8 refused with its byte offset) → JSON (syntax errors with line and
 * column) → one JSON object → spec or experiment, with relative IDX paths resolved against the
 * file's folder, so a spec means the same files wherever it is run from.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { SpecError, type SpecIssue } from './issues.ts';
import { parseRepeatedSpec } from './repeat.ts';
import type { Spec } from './spec.ts';
import { expandExperiment, type Experiment, isExperiment } from './sweep.ts';
import { decodeUtf8, parseJsonText } from './text.ts';

/** Far above any real spec; a bound so that `/dev/zero` or a huge file is refused, not read. */
export const MAX_SPEC_FILE_BYTES = 4 * 1024 * 1024;

/** A problem with the file as a whole; field-level problems keep their field. */
export class SpecFileError extends SpecError {
  constructor(
    readonly file: string,
    issues: SpecIssue[],
  ) {
    super(issues);
    this.name = 'SpecFileError';
  }
}

export interface SpecFile {
  /** absolute path */
  file: string;
  kind: 'spec' | 'experiment';
  /** the file's JSON object, IDX paths made absolute; not yet validated */
  value: Record<string, unknown>;
}

/** A spec file's `specs` are one run, or one per seed when it says `repeat: n`; `spec` is the first. */
export type LoadedSpecFile =
  | { file: string; kind: 'spec'; spec: Spec; specs: Spec[] }
  | { file: string; kind: 'experiment'; experiment: Experiment };

const fileIssue = (file: string, message: string) =>
  new SpecFileError(file, [{ field: '', message: `${file}: ${message}` }]);

function readBounded(file: string): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw fileIssue(file, code === 'ENOENT' ? 'no such file' : `cannot open (${code ?? (e as Error).message})`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw fileIssue(file, 'is a directory, not a spec file');
    if (!st.isFile()) throw fileIssue(file, 'is not a regular file (a device, FIFO or socket)');
    if (st.size > MAX_SPEC_FILE_BYTES)
      throw fileIssue(file, `is ${st.size} bytes; a spec file may hold at most ${MAX_SPEC_FILE_BYTES}`);
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

const IDX_FIELDS = ['images', 'labels', 'valImages', 'valLabels'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const resolvePath = (dir: string, p: unknown) =>
  typeof p === 'string' && p !== '' && !isAbsolute(p) ? resolve(dir, p) : p;

/** `data` with its relative IDX paths resolved against `dir`. */
function resolveData(data: unknown, dir: string): unknown {
  if (!isRecord(data) || data.kind !== 'idx') return data;
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, IDX_FIELDS.includes(k) ? resolvePath(dir, v) : v]),
  );
}

function resolveSpec(spec: unknown, dir: string): unknown {
  return isRecord(spec) && 'data' in spec ? { ...spec, data: resolveData(spec.data, dir) } : spec;
}

function resolveSweep(sweep: unknown, dir: string): unknown {
  if (!isRecord(sweep)) return sweep;
  const axis = ([path, values]: [string, unknown]): [string, unknown] => {
    if (!Array.isArray(values)) return [path, values];
    if (path === 'data') return [path, values.map((v) => resolveData(v, dir))];
    const field = /^data\.(\w+)$/.exec(path)?.[1];
    return [path, field && IDX_FIELDS.includes(field) ? values.map((v) => resolvePath(dir, v)) : values];
  };
  return Object.fromEntries(Object.entries(sweep).map(axis));
}

/** Read, decode and parse `file` into a JSON object; throws SpecFileError. Validates nothing else. */
export function readSpecFile(file: string): SpecFile {
  const path = resolve(file);
  const text = decodeUtf8(readBounded(path));
  if (!text.ok) throw fileIssue(path, text.message);
  const json = parseJsonText(text.text);
  if (!json.ok) throw fileIssue(path, json.message);
  const value = json.value;
  if (!isRecord(value)) {
    const found = value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    throw fileIssue(path, `must hold a JSON object (a spec or an experiment), found ${found}`);
  }
  const dir = dirname(path);
  if (isExperiment(value)) {
    const resolved = { ...value };
    if ('base' in value) resolved.base = resolveSpec(value.base, dir);
    if ('sweep' in value) resolved.sweep = resolveSweep(value.sweep, dir);
    return { file: path, kind: 'experiment', value: resolved };
  }
  return { file: path, kind: 'spec', value: resolveSpec(value, dir) as Record<string, unknown> };
}

/**
 * Read and validate `file`. `override` rewrites the spec (an experiment's base) before validation,
 * e.g. the CLI's --epochs. Throws SpecError (SpecFileError for the file as a whole).
 */
export function loadSpecFile(
  file: string,
  override: (spec: Record<string, unknown>) => Record<string, unknown> = (s) => s,
): LoadedSpecFile {
  const f = readSpecFile(file);
  if (f.kind === 'spec') {
    const specs = parseRepeatedSpec(override(f.value));
    return { file: f.file, kind: 'spec', spec: specs[0], specs };
  }
  // a base that is not an object is left as it is, for the schema to name
  const base = f.value.base === undefined ? {} : f.value.base;
  const experiment = expandExperiment({ ...f.value, base: isRecord(base) ? override(base) : base });
  return { file: f.file, kind: 'experiment', experiment };
}
