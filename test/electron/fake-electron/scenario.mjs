// Drives the built main process through the stand-in electron module: the page URL, the app://
// protocol, the IPC door (trusted and not), a training run with its events, backend diagnosis
// (in a worker: tfjs must never load in this thread), the menu, then Quit with a run going.
import { existsSync } from 'node:fs';
import { app, fake } from './electron.mjs';

const INVOKE = 'gw:invoke';
const trusted = { senderFrame: { url: 'app://workbench/index.html#/design' } };
const r = fake.result;

async function until(pred, what, ms = 60_000) {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((res) => setTimeout(res, 20));
  }
}
const call = (method, input = {}, event = trusted) => fake.ipc.get(INVOKE)(event, method, input);
const events = (name) =>
  fake.windows[0].webContents.sent.filter((s) => s.message.event === name).map((s) => s.message.payload);
const spec = (name, epochs) => ({
  name,
  epochs,
  data: { kind: 'shapes', imageSize: 12, trainCount: 64, valCount: 32 },
  model: { depth: 2, width: 8 },
  tasks: [{ kind: 'cls', primary: true }],
});

await until(() => fake.ipc.has(INVOKE) && fake.windows.length > 0 && fake.windows[0].shown, 'the window');
const win = fake.windows[0];
r.pageUrl = win.webContents.url;
r.webPreferences = win.options.webPreferences;
r.userData = app.getPath('userData');
r.schemes = fake.schemes;

const serve = fake.protocols.get('app');
const index = await serve(new Request('app://workbench/index.html'));
r.index = {
  status: index.status,
  csp: index.headers.get('content-security-policy'),
  hasApp: (await index.text()).includes('id="app"'),
};
r.escape = (await serve(new Request('app://workbench/..%2fpackage.json'))).status;

r.appInfo = await call('app.info');
// window.desktop's channels: the stand-in dialog is cancelled, so the picker answers null
const dialogCall = (channel, event, ...args) => fake.ipc.get(channel)?.(event, ...args);
r.pickData = await dialogCall('gw:pick-data-file', trusted, 'images');
r.pickUntrusted = await dialogCall('gw:pick-data-file', { senderFrame: { url: 'https://example.com/' } }, 'images');
r.openDatabase = await dialogCall('gw:open-database', trusted);
r.untrusted = await call('app.info', {}, { senderFrame: { url: 'https://example.com/' } });
r.presets = (await call('presets.list')).value?.length ?? 0;

const started = await call('runs.start', { spec: spec('bundle run', 2) });
const [runId] = started.value.runIds;
await until(() => events('run.finished').some((p) => p.runId === runId), 'the run to finish');
r.run = {
  finished: events('run.finished').find((p) => p.runId === runId),
  epochs: events('run.epoch').filter((p) => p.runId === runId).length,
  // the backend report from the worker in app.asar.unpacked (the native tier in it: nativeTier)
  backend: events('run.started').find((p) => p.runId === runId)?.backend ?? null,
};

const diagnosis = await call('backends.diagnose');
r.diagnosis = diagnosis.ok
  ? diagnosis.value.diagnoses.map((d) => ({
      name: d.name,
      available: d.available,
      ...(d.nativeTier ? { nativeTier: d.nativeTier } : {}),
    }))
  : diagnosis;
r.tfjsInMainThread = globalThis._tfengine !== undefined;

const newExperiment = fake.menu.template
  .flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []))
  .find((i) => i.id === 'new-experiment');
newExperiment.click();
r.executed = win.webContents.executed;

const perms = [];
fake.permissionRequest(null, 'media', (granted) => perms.push(granted));
r.permissionGranted = perms;
r.openHandler = win.webContents.openHandler({ url: 'https://example.com/' });

const long = await call('runs.start', { spec: spec('cut short by quit', 400) });
r.longRunId = long.value.runIds[0];
await until(() => events('run.epoch').some((p) => p.runId === r.longRunId), 'a first epoch of the long run');
r.preloadBuilt = existsSync(r.webPreferences.preload);
app.quit(); // the app defers the quit until the service is closed, then quits for real
