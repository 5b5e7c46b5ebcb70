/** The desktop app's native dialogs (window.desktop), by provide/inject: null in a browser. */
import type { DesktopApi } from '@core/api/contract.ts';
import { inject, type InjectionKey } from 'vue';

export const DESKTOP_KEY: InjectionKey<DesktopApi | null> = Symbol('desktop');

export function useDesktop(): DesktopApi | null {
  return inject(DESKTOP_KEY, null);
}
