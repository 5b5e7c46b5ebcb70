/** The IPC adapter's own duties: who may call, what reaches the service, where events go. */
import { describe, expect, it, vi } from 'vitest';
import type { EventName, Events } from '../../src/api/contract.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../electron/channels.ts';
import { bindContract, isTrustedSender, type ServiceLike } from '../../electron/ipc-adapter.ts';
import { FakeIpcMain, FakeWebContents, trustedEvent } from './fakes.ts';

/** A service that answers every call with its arguments, and lets the test emit events. */
function fakeService() {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const service: ServiceLike & { emit(e: EventName, p: unknown): void; calls: Array<[string, unknown]> } = {
    calls: [],
    handle: async (method, input) => (service.calls.push([method, input]), { ok: true, value: { method, input } }),
    on<E extends EventName>(event: E, cb: (p: Events[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(cb as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(cb as (p: unknown) => void);
    },
    emit: (e, p) => listeners.get(e)?.forEach((cb) => cb(p)),
  };
  return { service, listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0) };
}

describe('the IPC adapter', () => {
  it('registers one invoke channel and passes method and input to the service', async () => {
    const ipc = new FakeIpcMain();
    const { service } = fakeService();
    bindContract(ipc, service, () => []);
    expect([...ipc.handlers.keys()]).toEqual([INVOKE_CHANNEL]);
    expect(await ipc.call(INVOKE_CHANNEL, trustedEvent(), 'runs.list', { limit: 3 })).toEqual({
      ok: true,
      value: { method: 'runs.list', input: { limit: 3 } },
    });
  });

  it('refuses senders outside the app, and non-string methods, without calling the service', async () => {
    const ipc = new FakeIpcMain();
    const { service } = fakeService();
    bindContract(ipc, service, () => []);
    for (const event of [
      { senderFrame: { url: 'https://evil.example/app://workbench/' } },
      { senderFrame: { url: 'file:///etc/passwd' } },
      { senderFrame: null },
      {},
    ]) {
      expect(await ipc.call(INVOKE_CHANNEL, event, 'runs.list', {})).toMatchObject({
        ok: false,
        error: { code: 'unauthorized' },
      });
    }
    expect(await ipc.call(INVOKE_CHANNEL, trustedEvent(), { method: 'runs.list' }, {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(service.calls).toEqual([]);
  });

  it('answers with an envelope even when the service throws', async () => {
    const ipc = new FakeIpcMain();
    const { service } = fakeService();
    service.handle = () => Promise.reject(new Error('boom'));
    bindContract(ipc, service, () => []);
    expect(await ipc.call(INVOKE_CHANNEL, trustedEvent(), 'runs.list', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'boom' },
    });
  });

  it('sends every contract event to every live window as {event, payload}', () => {
    const ipc = new FakeIpcMain();
    const { service } = fakeService();
    const a = new FakeWebContents();
    const b = new FakeWebContents();
    const gone = Object.assign(new FakeWebContents(), { destroyed: true });
    bindContract(ipc, service, () => [a, b, gone]);
    service.emit('run.finished', { runId: 'r1', status: 'completed', epochs: 2, message: null });
    service.emit('runs.changed', { reason: 'created' });
    const expected = [
      {
        channel: EVENT_CHANNEL,
        message: { event: 'run.finished', payload: { runId: 'r1', status: 'completed', epochs: 2, message: null } },
      },
      { channel: EVENT_CHANNEL, message: { event: 'runs.changed', payload: { reason: 'created' } } },
    ];
    expect(a.sent).toEqual(expected);
    expect(b.sent).toEqual(expected);
    expect(gone.sent).toEqual([]);
  });

  it('unbind removes the handler and every event subscription', () => {
    const ipc = new FakeIpcMain();
    const { service, listenerCount } = fakeService();
    const wc = new FakeWebContents();
    const binding = bindContract(ipc, service, () => [wc]);
    expect(listenerCount()).toBe(5);
    binding.unbind();
    expect(ipc.handlers.size).toBe(0);
    expect(listenerCount()).toBe(0);
    service.emit('runs.changed', { reason: 'deleted' });
    expect(wc.sent).toEqual([]);
    // and the channel is free for the next service
    expect(() => bindContract(ipc, service, () => [])).not.toThrow();
  });

  it('trusts only frames of app://workbench', () => {
    expect(isTrustedSender(trustedEvent())).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'app://other/index.html' } })).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'http://127.0.0.1:8787/' } })).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'not a url' } })).toBe(false);
  });

  it('a custom trust rule replaces the default', async () => {
    const ipc = new FakeIpcMain();
    const { service } = fakeService();
    const trust = vi.fn(() => true);
    bindContract(ipc, service, () => [], { trust });
    expect(await ipc.call(INVOKE_CHANNEL, {}, 'app.info', {})).toMatchObject({ ok: true });
    expect(trust).toHaveBeenCalledOnce();
  });
});
