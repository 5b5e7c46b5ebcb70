/**
 * The IPC door: the contract on `ipcMain`, bound to a Service. Takes an `IpcMainLike` and
 * `WebContentsLike`s (the few members it uses), so it is tested without Electron.
 *
 * One channel carries every method (`gw:invoke`, method, input): the service validates the
 * method name and the input and answers with an envelope; nothing here throws to the renderer.
 * Every contract event goes to every live window as `gw:event` {event, payload}.
 */
import { EVENTS, type Envelope, type EventName, type Events } from '../src/api/contract.ts';
import { EVENT_CHANNEL, type EventMessage, INVOKE_CHANNEL, isAppUrl } from './channels.ts';

export interface InvokeEventLike {
  /** the frame that sent the message; null once it navigated away or was destroyed */
  senderFrame?: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  send(channel: string, message: EventMessage): void;
  isDestroyed?(): boolean;
}

export interface ServiceLike {
  handle(method: string, input: unknown): Promise<Envelope<unknown>>;
  on<E extends EventName>(event: E, cb: (payload: Events[E]) => void): () => void;
}

export interface Binding {
  /** remove the handler and stop forwarding events (before binding another service) */
  unbind(): void;
}

/** Only pages of the app's own origin may call the service (never a frame that navigated elsewhere). */
export function isTrustedSender(event: InvokeEventLike): boolean {
  const url = event.senderFrame?.url;
  return !!url && isAppUrl(url);
}

export interface BindOptions {
  /** who may invoke (default: isTrustedSender) */
  trust?: (event: InvokeEventLike) => boolean;
}

export function bindContract(
  ipcMain: IpcMainLike,
  service: ServiceLike,
  webContentsList: () => Iterable<WebContentsLike>,
  o: BindOptions = {},
): Binding {
  const trust = o.trust ?? isTrustedSender;
  ipcMain.handle(INVOKE_CHANNEL, async (event, method, input): Promise<Envelope<unknown>> => {
    if (!trust(event))
      return { ok: false, error: { code: 'unauthorized', message: 'this page may not call the workbench' } };
    if (typeof method !== 'string')
      return { ok: false, error: { code: 'unknown_method', message: 'the method must be a string' } };
    try {
      return await service.handle(method, input);
    } catch (err) {
      // service.handle answers with envelopes; this is the belt to its braces
      return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
    }
  });
  const offs = EVENTS.map((event) =>
    service.on(event, (payload) => {
      for (const wc of webContentsList()) if (!wc.isDestroyed?.()) wc.send(EVENT_CHANNEL, { event, payload });
    }),
  );
  return {
    unbind() {
      ipcMain.removeHandler(INVOKE_CHANNEL);
      offs.forEach((off) => off());
    },
  };
}
