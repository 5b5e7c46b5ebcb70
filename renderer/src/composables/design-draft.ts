/**
 * The Design draft's life: saved to local storage per database on every change (a reload keeps a
 * half-built form), told apart from the form it was filled from (only a hand-built form needs a
 * "replace?" question), and restorable once after something replaced it (Undo).
 */
import { computed, type Ref, ref, watch } from 'vue';
import { cloneDraft, contentText, type Draft, draftKey, parseDraft } from '../design/draft.ts';
import type { FormState } from '../design/form.ts';
import type { AxisForm } from '../design/sweep-axes.ts';

export interface DraftState {
  form: FormState;
  axes: Ref<AxisForm[]>;
  description: Ref<string>;
  activePreset: Ref<string | null>;
}

/** What replaced the form, and the form before it. */
export interface Replaced {
  label: string;
  before: Draft;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // a sandboxed page may refuse storage: the form still works, it just is not kept
    return null;
  }
}

export function useDesignDraft(s: DraftState) {
  const key = ref<string | null>(null);
  const content = computed(() => contentText({ form: s.form, axes: s.axes.value, description: s.description.value }));
  const baseline = ref(content.value);
  /** the form differs from what it was last filled with: someone built it by hand */
  const edited = computed(() => content.value !== baseline.value);
  const replaced = ref<Replaced | null>(null);

  const current = (): Draft =>
    cloneDraft({
      form: s.form,
      axes: s.axes.value,
      description: s.description.value,
      activePreset: s.activePreset.value,
      baseline: baseline.value,
    });

  function restore(d: Draft) {
    Object.assign(s.form, cloneDraft(d).form);
    s.axes.value = d.axes.map((a) => ({ ...a }));
    s.description.value = d.description;
    s.activePreset.value = d.activePreset;
    baseline.value = d.baseline;
  }

  /** After a fill from a preset, a run or JSON: the form as filled counts as not edited. */
  const markFilled = () => (baseline.value = content.value);

  /** Run `fill`, keeping the form before it for Undo when `fill` changed anything. */
  function replaceWith(label: string, fill: () => void) {
    const before = current();
    fill();
    replaced.value = contentText(before) !== content.value ? { label, before } : null;
  }

  function undo() {
    if (!replaced.value) return;
    restore(replaced.value.before);
    replaced.value = null;
  }

  /**
   * Keep the draft of this database from now on, bringing back the one saved. When something
   * already replaced the form (a run opened before the database was known), the saved draft is
   * what Undo brings back instead.
   */
  function attach(dbPath: string) {
    if (key.value === draftKey(dbPath)) return;
    key.value = draftKey(dbPath);
    const saved = parseDraft(storage()?.getItem(key.value) ?? null);
    if (saved && replaced.value) replaced.value = { ...replaced.value, before: saved };
    else if (saved) restore(saved);
    save();
  }

  function save() {
    if (!key.value) return;
    try {
      storage()?.setItem(key.value, JSON.stringify(current()));
    } catch {
      // storage full or refused: losing the draft on reload is the worst case, never the form itself
    }
  }
  watch([content, s.activePreset, baseline], save);

  return { edited, replaced, markFilled, replaceWith, undo, attach, dismissReplaced: () => (replaced.value = null) };
}
