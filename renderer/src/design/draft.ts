/**
 * The Design form as a draft: what is saved across reloads (one per database, so two databases
 * never share a half-built form) and what "Undo" restores after a preset replaced the form.
 * A stored draft is untrusted text: anything malformed is dropped field by field, never thrown.
 */
import { TASK_KINDS } from '@core/experiment/spec.ts';
import { FIELDS, type FieldValue } from './fields.ts';
import { defaultForm, type FormState } from './form.ts';
import type { AxisForm } from './sweep-axes.ts';
import type { TaskForm } from './tasks.ts';

export interface Draft {
  form: FormState;
  axes: AxisForm[];
  description: string;
  /** the preset the form was last filled from ('defaults', a preset id, or null) */
  activePreset: string | null;
  /** the form's text when it was last filled: a form that still equals it is not hand-built */
  baseline: string;
}

/** The parts of a draft a person edits, as one comparable text. */
export const contentText = (d: Pick<Draft, 'form' | 'axes' | 'description'>): string =>
  JSON.stringify({ values: d.form.values, tasks: d.form.tasks, axes: d.axes, description: d.description });

/** A deep copy, so a saved draft never aliases the live reactive form. */
export const cloneDraft = (d: Draft): Draft => JSON.parse(JSON.stringify(d)) as Draft;

export const draftKey = (dbPath: string): string => `gradient-workbench.design-draft:${dbPath}`;

const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);

function fieldValue(type: string, v: unknown): FieldValue | undefined {
  if (type === 'bool') return typeof v === 'boolean' ? v : undefined;
  if (type === 'multi') return isStrList(v) ? [...v] : undefined;
  return isStr(v) ? v : undefined;
}

function taskFrom(v: unknown): TaskForm | null {
  if (typeof v !== 'object' || v === null) return null;
  const t = v as Record<string, unknown>;
  if (!TASK_KINDS.includes(t.kind as TaskForm['kind'])) return null;
  if (![t.weight, t.auxLayer, t.auxWeight].every(isStr)) return null;
  return {
    kind: t.kind as TaskForm['kind'],
    loss: t.loss === 'l1' ? 'l1' : 'bce',
    weight: t.weight as string,
    primary: t.primary === true,
    aux: t.aux === true,
    auxLayer: t.auxLayer as string,
    auxWeight: t.auxWeight as string,
  };
}

/** A draft from stored text; null when there is none or it is not a draft at all. */
export function parseDraft(text: string | null): Draft | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const form = r.form as { values?: Record<string, unknown>; tasks?: unknown } | undefined;
  if (typeof form !== 'object' || form === null) return null;
  const out = defaultForm();
  for (const f of FIELDS) {
    const v = fieldValue(f.type, form.values?.[f.path]);
    if (v !== undefined) out.values[f.path] = v;
  }
  const tasks = Array.isArray(form.tasks) ? form.tasks.map(taskFrom) : [];
  if (tasks.length && tasks.every((t) => t !== null)) out.tasks = tasks as TaskForm[];
  const axes = Array.isArray(r.axes)
    ? r.axes.filter((a): a is AxisForm => isStr(a?.path) && isStr(a?.text)).map((a) => ({ path: a.path, text: a.text }))
    : [];
  return {
    form: out,
    axes,
    description: isStr(r.description) ? r.description : '',
    activePreset: isStr(r.activePreset) ? r.activePreset : null,
    baseline: isStr(r.baseline) ? r.baseline : '',
  };
}
