/**
 * The contract suite through the desktop door: renderer-side bridge (the preload's core) →
 * fake ipcRenderer → the IPC adapter on a fake ipcMain → the service; events back through a
 * fake webContents. Electron itself is not needed.
 */
import { join } from 'node:path';
import { EVENTS, METHODS } from '../../src/api/contract.ts';
import { createBridge } from '../../electron/bridge.ts';
import { ServiceHost } from '../../electron/service-host.ts';
import { tempDir } from '../helpers/cli.ts';
import { contractSuite } from '../contract/suite.ts';
import { FakeIpcMain, FakeIpcRenderer, FakeWebContents } from './fakes.ts';

contractSuite('the IPC adapter (through the preload bridge)', async () => {
  const tmp = tempDir();
  const ipcMain = new FakeIpcMain();
  const contents = new FakeWebContents();
  const host = new ServiceHost({ ipcMain, webContentsList: () => [contents], parallel: 2 });
  await host.open(join(tmp.dir, 'ipc.db'));
  const client = createBridge(new FakeIpcRenderer(ipcMain, contents), { methods: METHODS, events: EVENTS });
  return { client, close: async () => (await host.close(), tmp.cleanup()) };
});
