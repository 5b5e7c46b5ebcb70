/**
 * The preload: its core (createBridge) with a fake ipcRenderer, and the built, sandbox-ready
 * bundle run in a VM context with a fake `electron` — what it exposes, what it requires, and
 * that its allow-list is exactly the contract's METHODS and EVENTS.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENTS, METHODS } from '../../src/api/contract.ts';
import { createBridge } from '../../electron/bridge.ts';
import { buildDesktop } from '../../electron/build.ts';
import {
  EVENT_CHANNEL,
  INVOKE_CHANNEL,
  OPEN_DATABASE_CHANNEL,
  PICK_DATA_FILE_CHANNEL,
} from '../../electron/channels.ts';
import { tempDir } from '../helpers/cli.ts';

/** An ipcRenderer that records what it is asked and lets the test deliver messages. */
function fakeIpc() {
  const listeners = new Set<(event: unknown, message: unknown) => void>();
  return {
    invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'sent' })),
    on: vi.fn((_channel: string, l: (event: unknown, message: unknown) => void) => listeners.add(l)),
    removeListener: vi.fn((_channel: string, l: (event: unknown, message: unknown) => void) => listeners.delete(l)),
    deliver: (message: unknown) =>
      listeners.forEach((l) => l({ sender: { secret: 'ipcRenderer' }, ports: [] }, message)),
    listeners,
  };
}

const allow = { methods: METHODS, events: EVENTS };

describe('the preload bridge (createBridge)', () => {
  it('forwards contract methods on one channel, and refuses others without sending', async () => {
    const ipc = fakeIpc();
    const api = createBridge(ipc, allow);
    expect(await api.invoke('runs.list', { limit: 2 })).toEqual({ ok: true, value: 'sent' });
    expect(ipc.invoke).toHaveBeenCalledWith(INVOKE_CHANNEL, 'runs.list', { limit: 2 });
    for (const bad of ['runs.nope', '__proto__', 'constructor', '', 42]) {
      expect(await api.invoke(bad as never, {} as never)).toMatchObject({
        ok: false,
        error: { code: 'unknown_method' },
      });
    }
    expect(ipc.invoke).toHaveBeenCalledTimes(1);
  });

  it('refuses to subscribe to an event off the list, without listening', () => {
    const ipc = fakeIpc();
    const api = createBridge(ipc, allow);
    expect(() => api.subscribe('run.nope' as never, () => {})).toThrow(/unknown event/);
    expect(() => api.subscribe('toString' as never, () => {})).toThrow(/unknown event/);
    expect(ipc.on).not.toHaveBeenCalled();
  });

  it('gives callbacks the payload only — never the IPC event — and only for their event', () => {
    const ipc = fakeIpc();
    const api = createBridge(ipc, allow);
    const got: unknown[][] = [];
    api.subscribe('runs.changed', (...args: unknown[]) => got.push(args));
    ipc.deliver({ event: 'runs.changed', payload: { reason: 'created' } });
    ipc.deliver({ event: 'run.progress', payload: { runId: 'x' } });
    ipc.deliver(null);
    expect(got).toEqual([[{ reason: 'created' }]]);
    expect(ipc.on).toHaveBeenCalledWith(EVENT_CHANNEL, expect.any(Function));
  });

  it('one IPC listener for all subscriptions, removed with the last unsubscribe', () => {
    const ipc = fakeIpc();
    const api = createBridge(ipc, allow);
    const cb = vi.fn();
    const off1 = api.subscribe('run.epoch', cb);
    const off2 = api.subscribe('run.epoch', cb);
    const off3 = api.subscribe('run.finished', cb);
    expect(ipc.listeners.size).toBe(1);
    ipc.deliver({ event: 'run.epoch', payload: 1 });
    expect(cb).toHaveBeenCalledTimes(2);
    off1();
    ipc.deliver({ event: 'run.epoch', payload: 2 });
    expect(cb).toHaveBeenCalledTimes(3);
    off2();
    off3();
    expect(ipc.listeners.size).toBe(0);
    expect(ipc.removeListener).toHaveBeenCalledOnce();
  });
});

describe('the built preload (dist/desktop/preload.cjs)', () => {
  const tmp = tempDir();
  let code = '';
  beforeAll(async () => {
    const out = await buildDesktop({ outDir: join(tmp.dir, 'desktop') });
    code = readFileSync(out.preload, 'utf8');
  });
  afterAll(() => tmp.cleanup());

  /** Run the bundle as a sandboxed preload would: CommonJS, `require` answering only 'electron'. */
  function load() {
    const ipc = fakeIpc();
    const exposed = new Map<string, Record<string, unknown>>();
    const required: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
      ipcRenderer: ipc,
    };
    const module = { exports: {} };
    const require = (id: string) => {
      required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    };
    runInNewContext(code, { require, module, exports: module.exports, Promise, Set, Map, Error, String, JSON });
    return { ipc, exposed, required };
  }

  it('is self-contained: it requires electron and nothing else', () => {
    expect(load().required).toEqual(['electron']);
    expect(code).not.toMatch(/\bzod\b/);
  });

  it('exposes exactly window.api = { invoke, subscribe } and window.desktop = { pickDataFile, openDatabase }', () => {
    const { exposed } = load();
    expect([...exposed.keys()]).toEqual(['api', 'desktop']);
    expect(Object.keys(exposed.get('api')!).sort()).toEqual(['invoke', 'subscribe']);
    expect(Object.keys(exposed.get('desktop')!).sort()).toEqual(['openDatabase', 'pickDataFile']);
  });

  it('window.desktop reaches only its two dialog channels, with a checked kind', async () => {
    const { ipc, exposed } = load();
    const desktop = exposed.get('desktop') as {
      pickDataFile(kind: string): Promise<unknown>;
      openDatabase(): Promise<unknown>;
    };
    await desktop.pickDataFile('labels');
    await desktop.openDatabase();
    await expect(desktop.pickDataFile('gw:invoke')).rejects.toThrow(/kind: must be images or labels/);
    expect(ipc.invoke.mock.calls).toEqual([[PICK_DATA_FILE_CHANNEL, 'labels'], [OPEN_DATABASE_CHANNEL]]);
  });

  it("allows exactly the contract's METHODS and EVENTS", async () => {
    const { ipc, exposed } = load();
    const api = exposed.get('api') as {
      invoke(m: string, i: unknown): Promise<unknown>;
      subscribe(e: string, cb: () => void): () => void;
    };
    for (const m of METHODS) await api.invoke(m, {});
    expect(ipc.invoke.mock.calls.map((c) => c[1])).toEqual(METHODS);
    expect(await api.invoke('runs.nope', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(ipc.invoke).toHaveBeenCalledTimes(METHODS.length);
    for (const e of EVENTS) expect(typeof api.subscribe(e, () => {})).toBe('function');
    expect(() => api.subscribe('run.nope', () => {})).toThrow();
    // the lists in the bundle, read back from its text
    expect(JSON.parse(code.match(/var METHODS = (\[.*?\]);/)![1])).toEqual(METHODS);
    expect(JSON.parse(code.match(/var EVENTS = (\[.*?\]);/)![1])).toEqual(EVENTS);
  });
});
