/** Copy JSON and the paste / edit JSON dialog of the Design view, with a passing note for each outcome. */
import { ref } from 'vue';
import { useDesignStore } from '../stores/design.ts';

export function useDesignJson(flash: (text: string) => void) {
  const d = useDesignStore();
  const json = ref({ open: false, text: '', error: null as string | null });

  function openJson(text = d.jsonText()) {
    json.value = { open: true, text, error: null };
  }

  async function copy() {
    const text = d.jsonText();
    try {
      await navigator.clipboard.writeText(text);
      flash('Copied the spec as JSON');
    } catch {
      openJson(text);
      flash('No clipboard access here: copy it from the dialog');
    }
  }

  function applyJson(text: string) {
    const error = d.applyJson(text);
    json.value = { ...json.value, error, open: error !== null };
    if (!error) flash('JSON applied to the form');
  }

  return { json, openJson, copy, applyJson };
}
