// A stand-in for the `electron` module, enough to run the built main process (dist/desktop/
// main.mjs) under plain Node where Electron's binary is missing. It records what the app asks
// of Electron; with GW_FAKE_SCENARIO set, scenario.mjs then drives the app like a user would
// and prints one line `GW_FAKE_RESULT {json}` as the process ends.
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const fake = {
  ipc: new Map(),
  windows: [],
  menu: null,
  schemes: [],
  protocols: new Map(),
  permissionRequest: null,
  permissionCheck: null,
  beforeRequest: null,
  errors: [],
  result: {},
};

function finish(code) {
  process.stdout.write(`GW_FAKE_RESULT ${JSON.stringify({ ...fake.result, errors: fake.errors, exitCode: code })}\n`);
  process.exit(code);
}

class App extends EventEmitter {
  name = 'Electron';
  paths = { appData: process.env.GW_FAKE_APPDATA ?? '/nonexistent' };
  isPackaged = false;
  #ready = new Promise((resolve) => setImmediate(() => (this.emit('ready'), resolve())));
  setName(n) {
    this.name = n;
  }
  getPath(k) {
    return this.paths[k];
  }
  setPath(k, v) {
    this.paths[k] = v;
  }
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return this.#ready;
  }
  quit() {
    const e = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('before-quit', e);
    if (e.defaultPrevented) return;
    for (const w of BrowserWindow.getAllWindows()) w.close();
    this.emit('will-quit');
    finish(0);
  }
  exit(code) {
    finish(code);
  }
}
export const app = new App();

class WebContents extends EventEmitter {
  url = '';
  sent = [];
  executed = [];
  openHandler = null;
  send(channel, message) {
    this.sent.push({ channel, message: structuredClone(message) });
  }
  executeJavaScript(code) {
    this.executed.push(code);
    return Promise.resolve();
  }
  setWindowOpenHandler(h) {
    this.openHandler = h;
  }
  getURL() {
    return this.url;
  }
  reload() {}
  isDestroyed() {
    return false;
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows = () => fake.windows.filter((w) => !w.destroyed);
  static getFocusedWindow = () => BrowserWindow.getAllWindows()[0] ?? null;
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    this.destroyed = false;
    fake.windows.push(this);
  }
  loadURL(url) {
    this.webContents.url = url;
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  close() {
    this.emit('close', { preventDefault() {} });
    this.destroyed = true;
    this.emit('closed');
  }
  show() {
    this.shown = true;
  }
  focus() {}
  restore() {}
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return !!this.maximized;
  }
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    const { x = 0, y = 0, width, height } = this.options;
    return { x, y, width, height };
  }
}

export const ipcMain = {
  handle(channel, fn) {
    if (fake.ipc.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    fake.ipc.set(channel, fn);
  },
  removeHandler(channel) {
    fake.ipc.delete(channel);
  },
};

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (m) => (fake.menu = m),
};

export const protocol = {
  registerSchemesAsPrivileged: (list) => fake.schemes.push(...list),
  handle: (scheme, handler) => fake.protocols.set(scheme, handler),
};

export const net = { fetch: async (url) => new Response(await readFile(fileURLToPath(url))) };

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (h) => (fake.permissionRequest = h),
    setPermissionCheckHandler: (h) => (fake.permissionCheck = h),
    webRequest: { onBeforeRequest: (h) => (fake.beforeRequest = h) },
  },
};

export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };

export const dialog = {
  showErrorBox: (title, content) => fake.errors.push(`${title}: ${content}`),
  showMessageBox: async () => ({ response: 1 }),
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
};

if (process.env.GW_FAKE_SCENARIO) {
  app
    .whenReady()
    .then(() => import('./scenario.mjs'))
    .catch((err) => (fake.errors.push(String(err?.stack ?? err)), finish(1)));
}
