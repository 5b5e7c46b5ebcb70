/** The contract suite through the in-process client and the web bridge (HTTP + WebSocket). */
import { join } from 'node:path';
import WebSocket from 'ws';
import { createLocalClient } from '../../src/api/local-client.ts';
import { Service } from '../../src/api/service.ts';
import { createWebClient } from '../../src/api/web-client.ts';
import { startWebBridge } from '../../src/server/web-bridge.ts';
import { openStore } from '../../src/store/index.ts';
import { tempDir } from '../helpers/cli.ts';
import { contractSuite } from './suite.ts';

function service(name: string) {
  const tmp = tempDir();
  const dbPath = join(tmp.dir, `${name}.db`);
  return { service: new Service({ store: openStore(dbPath), dbPath, parallel: 2 }), tmp };
}

contractSuite('the in-process service', async () => {
  const { service: s, tmp } = service('local');
  return { client: createLocalClient(s), close: async () => (await s.close(), tmp.cleanup()) };
});

contractSuite('the web bridge (HTTP + WebSocket, with a token)', async () => {
  const { service: s, tmp } = service('web');
  const bridge = await startWebBridge({ service: s, host: '127.0.0.1', port: 0, token: 'test-token' });
  const client = createWebClient({ base: bridge.url, token: bridge.token, WebSocket: WebSocket as never });
  await client.connected();
  return { client, close: async () => (client.close(), await bridge.close(), await s.close(), tmp.cleanup()) };
});
