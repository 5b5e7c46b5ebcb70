/** Editing the Design form's tasks: one primary task at all times while any are left. */
import type { FormState } from '../design/form.ts';
import { newTask, setPrimary, type TaskForm } from '../design/tasks.ts';

export function useTaskEditing(form: FormState) {
  function addTask() {
    const t = newTask(form.tasks);
    if (t) form.tasks.push(t);
  }
  function removeTask(i: number) {
    const wasPrimary = form.tasks[i]?.primary;
    form.tasks.splice(i, 1);
    if (wasPrimary && form.tasks.length) setPrimary(form.tasks, 0);
  }
  function updateTask(i: number, patch: Partial<TaskForm>) {
    if (patch.primary) setPrimary(form.tasks, i);
    Object.assign(form.tasks[i], patch);
  }
  return { addTask, removeTask, updateTask };
}
