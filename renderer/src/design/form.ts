/**
 * Form ↔ spec. The form keeps raw text for numbers so half-typed input survives; converting back
 * reports its own issues (empty, not a number) and the spec schema reports the rest, with the
 * same dotted field paths the service uses.
 */
import {
  idxDataSchema,
  issuesOf,
  plainError,
  type Spec,
  type SpecInput,
  type SpecIssue,
  specSchema,
} from '@core/experiment/spec.ts';
import { setPath } from '@core/experiment/sweep.ts';
import { DROP_WHEN_HIDDEN, type FieldDef, FIELDS, type FormValues, isShown } from './fields.ts';
import { type TaskForm, taskToForm } from './tasks.ts';

export interface FormState {
  values: FormValues;
  tasks: TaskForm[];
}

export interface Validation {
  /** what the form says, as a spec input (defaults not filled) */
  input: SpecInput;
  /** the parsed spec when valid */
  spec: Spec | null;
  issues: SpecIssue[];
}

export const DEFAULT_SPEC: Spec = specSchema.parse({});
/** what an IDX data set defaults to, for filling the form's IDX fields */
const IDX_DEFAULTS = {
  validationSplit: idxDataSchema.shape.validationSplit.parse(undefined),
  maskThreshold: idxDataSchema.shape.maskThreshold.parse(undefined),
};

export function getPath(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    );
}

function toField(f: FieldDef, v: unknown): string | boolean | string[] {
  if (f.type === 'bool') return v === true;
  if (f.type === 'multi') return Array.isArray(v) ? v.map(String) : [];
  if (f.type === 'list') return Array.isArray(v) ? v.join(', ') : '';
  return v === undefined || v === null ? '' : String(v);
}

/** The form for a spec (validated or not); fields the spec lacks take the defaults. */
export function specToForm(spec: SpecInput | Spec): FormState {
  const values: FormValues = {};
  for (const f of FIELDS) {
    let v = getPath(spec, f.path);
    if (v === undefined && !f.optional) v = getPath(DEFAULT_SPEC, f.path) ?? getPath({ data: IDX_DEFAULTS }, f.path);
    values[f.path] = toField(f, v);
  }
  const tasks = specSchema.shape.tasks.safeParse(spec.tasks ?? [{ kind: 'cls' }]);
  const forms = (tasks.success ? tasks.data : DEFAULT_SPEC.tasks).map(taskToForm);
  // the trainer treats task 1 as primary when none is: the form says so, and so does what it starts
  if (!forms.some((t) => t.primary)) forms[0].primary = true;
  return { values, tasks: forms };
}

export const defaultForm = (): FormState => specToForm(DEFAULT_SPEC);

/** Number text → number, or an issue. Empty optional text → undefined. */
export function parseNumberText(text: string, optional = false): { value?: number; error?: string } {
  const t = text.trim();
  if (t === '') return optional ? {} : { error: 'is required' };
  const n = Number(t);
  return Number.isFinite(n) ? { value: n } : { error: `“${t}” is not a number` };
}

function fromField(f: FieldDef, v: string | boolean | string[]): { value?: unknown; error?: string } {
  if (f.type === 'int' || f.type === 'number') return parseNumberText(String(v), f.optional);
  if (f.type === 'bool') return { value: v === true };
  if (f.type === 'multi') return { value: Array.isArray(v) ? [...v] : [] };
  if (f.type === 'list')
    return {
      value: String(v)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  return f.optional && String(v).trim() === '' ? {} : { value: String(v) };
}

function tasksInput(tasks: readonly TaskForm[], issues: SpecIssue[]): Array<Record<string, unknown>> {
  return tasks.map((t, i) => {
    const num = (text: string, field: string) => {
      const r = parseNumberText(text);
      if (r.error) issues.push({ field: `tasks.${i}.${field}`, message: r.error });
      return r.value;
    };
    const primary = t.primary || (i === 0 && !tasks.some((x) => x.primary));
    const out: Record<string, unknown> = { kind: t.kind, weight: num(t.weight, 'weight'), primary };
    if (t.kind === 'seg') out.loss = t.loss;
    if (t.aux) out.aux = { layer: num(t.auxLayer, 'aux.layer'), weight: num(t.auxWeight, 'aux.weight') };
    return out;
  });
}

/** The spec input a form describes, and the form's own issues (empty or non-numeric text). */
export function formToSpecInput(state: FormState): { input: SpecInput; issues: SpecIssue[] } {
  const issues: SpecIssue[] = [];
  let input: Record<string, unknown> = {};
  for (const f of FIELDS) {
    if (!isShown(f, state.values, state.tasks.length) && DROP_WHEN_HIDDEN.has(f.path)) continue;
    const r = fromField(f, state.values[f.path] ?? '');
    if (r.error) issues.push({ field: f.path, message: r.error });
    else if (r.value !== undefined) input = setPath(input, f.path, r.value);
  }
  input.tasks = tasksInput(state.tasks, issues);
  return { input: input as SpecInput, issues };
}

/**
 * Convert and validate with the spec schema, in the plain words the service uses (specIssues);
 * a field the form already flagged keeps the form's message.
 */
export function validateForm(state: FormState): Validation {
  const { input, issues } = formToSpecInput(state);
  const r = specSchema.safeParse(input, { error: plainError });
  if (r.success && !issues.length) return { input, spec: r.data, issues: [] };
  const flagged = new Set(issues.map((i) => i.field));
  const schemaIssues = r.success ? [] : issuesOf(r.error).filter((i) => !flagged.has(i.field));
  return { input, spec: null, issues: [...issues, ...schemaIssues] };
}

/** field → message (messages of one field joined). */
export function issuesByField(issues: readonly SpecIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.field] = out[i.field] ? `${out[i.field]}; ${i.message}` : i.message;
  return out;
}
