/** The tasks part of the Design form: one row per task head, with its optional auxiliary head. */
import { TASK_KINDS, type TaskKind, type TaskSpec } from '@core/experiment/spec.ts';

export interface TaskForm {
  kind: TaskKind;
  /** seg only */
  loss: 'bce' | 'l1';
  /** number text, weight under fixed weighting */
  weight: string;
  primary: boolean;
  /** deep supervision: an auxiliary head on trunk layer `auxLayer` */
  aux: boolean;
  auxLayer: string;
  auxWeight: string;
}

export const TASK_LABELS: Record<TaskKind, string> = {
  cls: 'classification',
  seg: 'segmentation',
  recon: 'reconstruction',
};

export function taskToForm(t: TaskSpec): TaskForm {
  return {
    kind: t.kind,
    loss: t.loss,
    weight: String(t.weight),
    primary: t.primary,
    aux: t.aux !== undefined,
    auxLayer: String(t.aux?.layer ?? 1),
    auxWeight: String(t.aux?.weight ?? 0.3),
  };
}

/** A new task of the first kind not yet used (null when all three are). */
export function newTask(existing: readonly TaskForm[]): TaskForm | null {
  const kind = TASK_KINDS.find((k) => !existing.some((t) => t.kind === k));
  return kind
    ? { kind, loss: 'bce', weight: '1', primary: existing.length === 0, aux: false, auxLayer: '1', auxWeight: '0.3' }
    : null;
}

/** Make task `i` the primary one (at most one is). */
export function setPrimary(tasks: TaskForm[], i: number): void {
  tasks.forEach((t, k) => (t.primary = k === i));
}

/** Form path → spec path of a task field, for issues. */
export const TASK_FIELD_PATH = {
  weight: 'weight',
  auxLayer: 'aux.layer',
  auxWeight: 'aux.weight',
  kind: 'kind',
  loss: 'loss',
} as const;
