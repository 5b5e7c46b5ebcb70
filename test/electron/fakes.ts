/** Stand-ins for the few Electron members the shell's modules use: ipcMain, webContents, ipcRenderer. */
import type { IpcRendererLike } from '../../electron/bridge.ts';
import { APP_INDEX_URL, type EventMessage } from '../../electron/channels.ts';
import type { InvokeEventLike, IpcMainLike, WebContentsLike } from '../../electron/ipc-adapter.ts';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => unknown;

/** Records `handle(channel, fn)`; `call` plays the renderer's side of ipcRenderer.invoke. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, fn: Handler): void {
    // Electron refuses a second handler on one channel; so does the fake
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Arguments and the reply cross a structured clone, as over IPC. */
  async call(channel: string, event: InvokeEventLike, ...args: unknown[]): Promise<unknown> {
    const fn = this.handlers.get(channel);
    if (!fn) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await fn(event, ...structuredClone(args)));
  }
}

export const trustedEvent = (): InvokeEventLike => ({ senderFrame: { url: `${APP_INDEX_URL}#/design` } });

/** A window's webContents: records every message sent and hands it to its listeners. */
export class FakeWebContents implements WebContentsLike {
  readonly sent: Array<{ channel: string; message: EventMessage }> = [];
  readonly listeners = new Set<(channel: string, message: EventMessage) => void>();
  destroyed = false;
  send(channel: string, message: EventMessage): void {
    const copy = structuredClone(message);
    this.sent.push({ channel, message: copy });
    for (const l of this.listeners) l(channel, copy);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** The renderer's ipcRenderer, wired to a FakeIpcMain and one FakeWebContents. */
export class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];
  private readonly on_ = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();

  constructor(
    private readonly main: FakeIpcMain,
    contents: FakeWebContents,
    private readonly event: () => InvokeEventLike = trustedEvent,
  ) {
    contents.listeners.add((channel, message) => {
      // what Electron passes listeners: an event object carrying `sender`, then the message
      for (const l of this.on_.get(channel) ?? []) l({ sender: 'the-ipc-renderer', senderId: 0 }, message);
    });
  }

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.main.call(channel, this.event(), ...args);
  }
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): this {
    const set = this.on_.get(channel) ?? new Set();
    set.add(listener);
    this.on_.set(channel, set);
    return this;
  }
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): this {
    this.on_.get(channel)?.delete(listener);
    return this;
  }
  listenerCount(channel: string): number {
    return this.on_.get(channel)?.size ?? 0;
  }
}
