/**
 * The desktop service host: a second database opened from the menu takes over the IPC channel,
 * running runs are cancelled cleanly (not left "interrupted"), a file that fails to open leaves
 * the current one serving, and closing (on quit) cancels runs and closes the database.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Events } from '../../src/api/contract.ts';
import { openStore } from '../../src/store/index.ts';
import { INVOKE_CHANNEL } from '../../electron/channels.ts';
import { ServiceHost } from '../../electron/service-host.ts';
import { tempDir } from '../helpers/cli.ts';
import { FakeIpcMain, FakeWebContents, trustedEvent } from './fakes.ts';

const long = {
  name: 'long',
  epochs: 400,
  data: { kind: 'shapes', imageSize: 12, trainCount: 64, valCount: 32 },
  model: { depth: 2, width: 8 },
  tasks: [{ kind: 'cls', primary: true }],
};

function setup() {
  const ipc = new FakeIpcMain();
  const wc = new FakeWebContents();
  const host = new ServiceHost({ ipcMain: ipc, webContentsList: () => [wc], parallel: 1 });
  const call = (method: string, input: unknown = {}) =>
    ipc.call(INVOKE_CHANNEL, trustedEvent(), method, input) as Promise<any>;
  const firstEpoch = (runId: string) =>
    new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const hit = wc.sent.some(
          (s) => s.message.event === 'run.epoch' && (s.message.payload as Events['run.epoch']).runId === runId,
        );
        if (!hit) return;
        clearInterval(timer);
        resolve();
      }, 20);
    });
  return { ipc, wc, host, call, firstEpoch };
}

describe('the service host', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const a = join(tmp.dir, 'a.db');
  const b = join(tmp.dir, 'b.db');

  it('opens a second database: runs on the first are cancelled, the channel serves the second', async () => {
    const { host, call, firstEpoch, wc } = setup();
    await host.open(a);
    expect((await call('app.info')).value).toMatchObject({ dbPath: a, door: 'ipc' });
    const started = await call('runs.start', { spec: long });
    const [runId] = started.value.runIds;
    await firstEpoch(runId);
    expect(host.busy).toBe(1);

    await host.open(b);
    expect(host.dbPath).toBe(b);
    expect((await call('app.info')).value).toMatchObject({ dbPath: b });
    expect((await call('runs.list')).value.total).toBe(0);
    expect(host.busy).toBe(0);
    // the old service is unbound before it is closed: the windows (reloaded on a switch) hear
    // nothing more from the first database
    expect(wc.sent.some((s) => s.message.event === 'run.finished')).toBe(false);

    // the first file was closed cleanly: reopened, its run is cancelled, not interrupted
    const store = openStore(a);
    expect(store.getRun(runId)).toMatchObject({ status: 'cancelled' });
    expect(store.interruptedOnOpen).toBe(0);
    store.close();
    await host.close();
  });

  it('reopening the file already open changes nothing', async () => {
    const { host } = setup();
    await host.open(a);
    const service = host.service;
    await host.open(a);
    expect(host.service).toBe(service);
    await host.close();
  });

  it('a file that is not a database leaves the current one serving', async () => {
    const { host, call } = setup();
    await host.open(a);
    const junk = join(tmp.dir, 'junk.db');
    writeFileSync(junk, 'this is not SQLite, just text long enough to fill a header page '.repeat(20));
    await expect(host.open(junk)).rejects.toThrow();
    expect(host.dbPath).toBe(a);
    expect((await call('app.info')).value).toMatchObject({ dbPath: a });
    await host.close();
  });

  it('close (on quit) cancels running runs, removes the handler and closes the database', async () => {
    const { host, call, firstEpoch, ipc } = setup();
    await host.open(b);
    const [runId] = (await call('runs.start', { spec: long })).value.runIds;
    await firstEpoch(runId);
    await host.close();
    expect(ipc.handlers.size).toBe(0);
    expect(host.service).toBeNull();
    await host.close(); // twice is fine
    const store = openStore(b);
    expect(store.getRun(runId)).toMatchObject({ status: 'cancelled' });
    expect(store.getRun(runId)!.epochsDone).toBeGreaterThanOrEqual(1);
    store.close();
  });
});
