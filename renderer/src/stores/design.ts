/**
 * The Design form's state: the form (raw field text + tasks), sweep axes, presets, validation
 * as you type (the spec schema the service uses), the network plan for the diagram, and
 * starting runs (composables/design-start.ts). Server-side issues are shown next to their fields
 * until the form changes.
 */
import type { Preset } from '@core/api/contract.ts';
import type { Spec } from '@core/experiment/spec.ts';
import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { call } from '../api/client.ts';
import { useApi } from '../api/inject.ts';
import { useDesignDraft } from '../composables/design-draft.ts';
import { useDesignStart } from '../composables/design-start.ts';
import { useRepeatField } from '../composables/design-repeat.ts';
import { useTaskEditing } from '../composables/design-tasks.ts';
import { layoutDiagram, planFor } from '../design/diagram.ts';
import { defaultForm, type FormState, issuesByField, specToForm, validateForm } from '../design/form.ts';
import { parsePasted, toJsonText } from '../design/json.ts';
import { type AxisForm, checkPoints, parseAxes, sweepablePaths, sweepToAxes } from '../design/sweep-axes.ts';

export const useDesignStore = defineStore('design', () => {
  const api = useApi();
  const form = reactive<FormState>(defaultForm());
  const axes = ref<AxisForm[]>([]);
  const description = ref('');
  const presets = ref<Preset[]>([]);
  /** the preset the form was last filled from: a preset id, 'defaults', or null after pasted JSON */
  const activePreset = ref<string | null>('defaults');
  const error = ref<string | null>(null);

  const validation = computed(() => validateForm(form));
  const sweepPaths = computed(() => sweepablePaths(form));
  const sweep = computed(() => parseAxes(axes.value, sweepPaths.value));
  /** every sweep point checked against the schema here too, while that stays cheap */
  const pointIssues = computed(() => checkPoints(validation.value.spec, sweep.value.sweep, sweep.value.runs));
  const repeat = useRepeatField();
  /** runs a start makes: sweep points × repeats */
  const runCount = computed(() => sweep.value.runs * (repeat.count.value ?? 1));
  const canStart = computed(
    () =>
      validation.value.spec !== null &&
      !Object.keys(sweep.value.errors).length &&
      !pointIssues.value.length &&
      repeat.count.value !== null,
  );
  const { serverIssues, starting, started, start } = useDesignStart(api, {
    spec: () => validation.value.spec,
    sweep: () => sweep.value.sweep,
    description: () => description.value,
    repeat: () => repeat.count.value ?? 1,
    canStart: () => canStart.value,
    error,
  });
  const issues = computed(() => issuesByField([...validation.value.issues, ...serverIssues.value]));
  /** the diagram keeps the last valid design while the form is mid-edit */
  const draft = useDesignDraft({ form, axes, description, activePreset });
  const lastValid = shallowRef<Spec>(validation.value.spec!);
  const plan = computed(() => planFor(lastValid.value));
  const diagram = computed(() => layoutDiagram(plan.value, lastValid.value.weighting));

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
    draft.markFilled();
  }

  /** Fill the form from a preset; the form before it stays available to `undo`. */
  function applyPreset(p: Preset) {
    const v = p.value as { base?: Record<string, unknown>; sweep?: Record<string, unknown[]>; name?: string };
    draft.replaceWith(p.title, () => {
      if (p.kind === 'experiment') fill({ ...v.base, name: v.name ?? p.title }, sweepToAxes(v.sweep), p.description);
      else fill(v, [], '');
      activePreset.value = p.id;
    });
  }

  function reset() {
    draft.replaceWith('the defaults', () => {
      fill({}, [], '');
      activePreset.value = 'defaults';
    });
  }

  /** Fill the form with a stored run's spec (Open in Design); undoable like a preset. */
  function loadSpec(spec: Spec, label = 'a run') {
    draft.replaceWith(label, () => {
      fill(spec, [], '');
      activePreset.value = null;
    });
  }

  /** Apply pasted JSON; returns the problem (and changes nothing) when it is not a valid spec or experiment. */
  function applyJson(text: string): string | null {
    const r = parsePasted(text);
    if (r.kind === 'error') return r.message;
    draft.replaceWith('pasted JSON', () => {
      if (r.kind === 'spec') fill(r.spec, [], '');
      else fill({ ...r.base, name: r.name }, sweepToAxes(r.sweep), r.description);
      activePreset.value = null;
    });
    return null;
  }

  const jsonText = () =>
    toJsonText({
      spec: validation.value.spec ?? validation.value.input,
      name: form.values.name as string,
      description: description.value,
      sweep: sweep.value.sweep,
    });

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
    repeatText: repeat.text,
    repeatCount: repeat.count,
    repeatError: repeat.error,
    runCount,
    pointIssues,
    issues,
    canStart,
    plan,
    diagram,
    loadPresets,
    applyPreset,
    reset,
    loadSpec,
    applyJson,
    edited: draft.edited,
    replaced: draft.replaced,
    undo: draft.undo,
    dismissReplaced: draft.dismissReplaced,
    attachDraft: draft.attach,
    jsonText,
    ...useTaskEditing(form),
    start,
  };
});
