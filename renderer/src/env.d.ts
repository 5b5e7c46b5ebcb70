/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

interface Window {
  /** present when the Electron preload exposes the contract (desktop app) */
  api?: import('@core/api/contract.ts').ApiClient;
  /** present in the desktop app: native dialogs (file picker, open database) */
  desktop?: import('@core/api/contract.ts').DesktopApi;
}
