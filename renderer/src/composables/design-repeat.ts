/**
 * The Design form's "Repeat over seeds": how many runs of each spec (or sweep point) to start, each
 * with its own derived seed (src/experiment/repeat.ts). Checked here by the service's own rule.
 */
import { SpecError } from '@core/experiment/spec.ts';
import { parseRepeat } from '@core/experiment/sweep.ts';
import { computed, ref } from 'vue';

export function useRepeatField() {
  /** as typed */
  const text = ref<string | number>('1');
  const parsed = computed((): { count: number | null; error: string | null } => {
    const t = String(text.value).trim();
    if (t !== '' && !Number.isFinite(Number(t))) return { count: null, error: 'must be a whole number from 1 to 100' };
    try {
      return { count: parseRepeat(t === '' ? 1 : Number(t)), error: null };
    } catch (err) {
      if (err instanceof SpecError) return { count: null, error: err.issues[0]?.message ?? 'is not valid' };
      throw err;
    }
  });
  return {
    text,
    /** null while the text breaks the rule */
    count: computed(() => parsed.value.count),
    error: computed(() => parsed.value.error),
  };
}
