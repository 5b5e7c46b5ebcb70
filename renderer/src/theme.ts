/**
 * The colour theme: system, light or dark, remembered in localStorage. `system` follows
 * prefers-color-scheme live. The resolved theme lands on <html data-theme> (styles.css picks its
 * colours by it) and every chart reads `isDark`, so one switch recolours the whole app at once.
 */
import { computed, ref, watchEffect, type ComputedRef, type Ref } from 'vue';

export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEMES)[number];
export const THEME_KEY = 'gw-theme';

export interface ThemeState {
  choice: Ref<ThemeChoice>;
  /** the system asks for dark now */
  systemDark: Ref<boolean>;
  isDark: ComputedRef<boolean>;
  set(choice: ThemeChoice): void;
  /** keep <html data-theme> and color-scheme in step with the theme; returns the stop function */
  apply(root: HTMLElement): () => void;
}

type ThemeWindow = Pick<Window, 'localStorage'> & { matchMedia?: Window['matchMedia'] };

export function createTheme(win: ThemeWindow): ThemeState {
  const stored = safeRead(win);
  const choice = ref<ThemeChoice>(THEMES.includes(stored as ThemeChoice) ? (stored as ThemeChoice) : 'system');
  const media = win.matchMedia?.('(prefers-color-scheme: dark)');
  const systemDark = ref(media?.matches ?? false);
  media?.addEventListener?.('change', (e) => (systemDark.value = e.matches));
  const isDark = computed(() => choice.value === 'dark' || (choice.value === 'system' && systemDark.value));
  return {
    choice,
    systemDark,
    isDark,
    set(c) {
      choice.value = c;
      try {
        win.localStorage.setItem(THEME_KEY, c);
      } catch {
        // storage refused (private mode, quota): the choice holds for this session
      }
    },
    apply(root) {
      return watchEffect(() => {
        root.dataset.theme = isDark.value ? 'dark' : 'light';
        root.style.colorScheme = isDark.value ? 'dark' : 'light';
      });
    },
  };
}

function safeRead(win: ThemeWindow): string | null {
  try {
    return win.localStorage.getItem(THEME_KEY);
  } catch {
    return null;
  }
}

/** The app's one theme. */
export const theme = createTheme(window);
