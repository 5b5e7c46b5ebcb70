/**
 * The Design form's state: the form (raw field text + tasks), sweep axes, presets, validation
 * as you type (the spec schema the service uses), the network plan for the diagram, and
 * starting runs. Server-side issues are shown next to their fields until the form changes.
 */
import type { Output, Preset } from '@core/api/contract.ts';
import type { Spec, SpecIssue } from '@core/experiment/spec.ts';
import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { call, UiError } from '../api/client.ts';
import { useApi } from '../api/inject.ts';
import { layoutDiagram, planFor } from '../design/diagram.ts';
import { defaultForm, type FormState, issuesByField, specToForm, validateForm } from '../design/form.ts';
import { parsePasted, toJsonText } from '../design/json.ts';
import { type AxisForm, checkPoints, parseAxes, sweepablePaths, sweepToAxes } from '../design/sweep-axes.ts';
import { newTask, setPrimary, type TaskForm } from '../design/tasks.ts';

export const useDesignStore = defineStore('design', () => {
  const api = useApi();
  const form = reactive<FormState>(defaultForm());
  const axes = ref<AxisForm[]>([]);
  const description = ref('');
  const presets = ref<Preset[]>([]);
  /** the preset the form was last filled from: a preset id, 'defaults', or null after pasted JSON */
  const activePreset = ref<string | null>('defaults');
  const serverIssues = ref<SpecIssue[]>([]);
  const starting = ref<'run' | 'queue' | null>(null);
  const started = ref<Output<'runs.start'> | null>(null);
  const error = ref<string | null>(null);

  const validation = computed(() => validateForm(form));
  const sweepPaths = computed(() => sweepablePaths(form));
  const sweep = computed(() => parseAxes(axes.value, sweepPaths.value));
  const issues = computed(() => issuesByField([...validation.value.issues, ...serverIssues.value]));
  /** every sweep point checked against the schema here too, while that stays cheap */
  const pointIssues = computed(() => checkPoints(validation.value.spec, sweep.value.sweep, sweep.value.runs));
  const canStart = computed(
    () => validation.value.spec !== null && !Object.keys(sweep.value.errors).length && !pointIssues.value.length,
  );
  /** the diagram keeps the last valid design while the form is mid-edit */
  const lastValid = shallowRef<Spec>(validation.value.spec!);
  const plan = computed(() => planFor(lastValid.value));
  const diagram = computed(() => layoutDiagram(plan.value));

  watch(validation, (v) => v.spec && (lastValid.value = v.spec));
  watch([form, axes], () => (serverIssues.value = []), { deep: true });

  async function loadPresets() {
    try {
      presets.value = await call(api, 'presets.list', {});
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  function fill(spec: Spec | Record<string, unknown>, sweepAxes: AxisForm[], desc: string) {
    Object.assign(form, specToForm(spec));
    axes.value = sweepAxes;
    description.value = desc;
    started.value = null;
  }

  function applyPreset(p: Preset) {
    const v = p.value as { base?: Record<string, unknown>; sweep?: Record<string, unknown[]>; name?: string };
    if (p.kind === 'experiment') fill({ ...v.base, name: v.name ?? p.title }, sweepToAxes(v.sweep), p.description);
    else fill(v, [], '');
    activePreset.value = p.id;
  }

  function reset() {
    fill({}, [], '');
    activePreset.value = 'defaults';
  }

  /** Apply pasted JSON; returns the problem (and changes nothing) when it is not a valid spec or experiment. */
  function applyJson(text: string): string | null {
    const r = parsePasted(text);
    if (r.kind === 'error') return r.message;
    if (r.kind === 'spec') fill(r.spec, [], '');
    else fill({ ...r.base, name: r.name }, sweepToAxes(r.sweep), r.description);
    activePreset.value = null;
    return null;
  }

  const jsonText = () =>
    toJsonText({
      spec: validation.value.spec ?? validation.value.input,
      name: form.values.name as string,
      description: description.value,
      sweep: sweep.value.sweep,
    });

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

  /** Start the form's spec (or its sweep); the new run ids, or null when nothing started. */
  async function start(mode: 'run' | 'queue'): Promise<string[] | null> {
    const spec = validation.value.spec;
    if (!spec || !canStart.value || starting.value) return null;
    starting.value = mode;
    error.value = null;
    started.value = null;
    const hasAxes = Object.keys(sweep.value.sweep).length > 0;
    const input = hasAxes
      ? {
          experiment: {
            name: spec.name || `sweep of ${Object.keys(sweep.value.sweep).join(' × ')}`,
            description: description.value,
            base: spec,
            sweep: sweep.value.sweep,
          },
        }
      : { spec };
    try {
      const r = await call(api, 'runs.start', input);
      started.value = r;
      return r.runIds;
    } catch (err) {
      // issues go next to their fields (and into the list above Run); the rest is one message
      if (err instanceof UiError && err.issues.length) serverIssues.value = err.issues;
      else if (err instanceof UiError && err.field) serverIssues.value = [{ field: err.field, message: err.message }];
      else error.value = (err as Error).message;
      return null;
    } finally {
      starting.value = null;
    }
  }

  return {
    form,
    axes,
    description,
    presets,
    activePreset,
    serverIssues,
    starting,
    started,
    error,
    validation,
    sweepPaths,
    sweep,
    pointIssues,
    issues,
    canStart,
    plan,
    diagram,
    loadPresets,
    applyPreset,
    reset,
    applyJson,
    jsonText,
    addTask,
    removeTask,
    updateTask,
    start,
  };
});
