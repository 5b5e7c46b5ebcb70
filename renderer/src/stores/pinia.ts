/** The app's Pinia, tied to the app's lifetime. */
import { createPinia, disposePinia, type Pinia } from 'pinia';
import type { App } from 'vue';

/**
 * Install a fresh Pinia on `app` and dispose it when the app unmounts: Pinia alone keeps its
 * stores' effect scopes (and with them their service-event subscriptions) alive past unmount.
 */
export function installStores(app: App): Pinia {
  const pinia = createPinia();
  app.use(pinia);
  app.onUnmount(() => disposePinia(pinia));
  return pinia;
}
