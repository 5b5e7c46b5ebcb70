/**
 * A hostile page for the attack test, served from a second local server (another origin): with no
 * user action it tries every way a web page has to drive the workbench and records what it saw.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the page leaves on `window.__attack` once `done` is true. */
export interface AttackReport {
  done: boolean;
  attempts: Record<string, string>;
  socket: string;
  events: string[];
}

function script(workbench: string, runId: string): string {
  const W = JSON.stringify(workbench);
  return `
const W = ${W}, RUN = ${JSON.stringify(runId)};
const report = (window.__attack = { done: false, attempts: {}, socket: 'pending', events: [] });
const start = JSON.stringify({ spec: { name: 'attack', epochs: 1, data: { kind: 'shapes', imageSize: 12, trainCount: 32, valCount: 16 } } });
const calls = {
  'runs.start': start,
  'runs.delete': JSON.stringify({ ids: [RUN] }),
  'runs.update': JSON.stringify({ id: RUN, name: 'pwned' }),
};
async function attempt(name, fn) {
  try { report.attempts[name] = String(await fn()); } catch (e) { report.attempts[name] = 'threw ' + e.name; }
}
const loaded = (el) => new Promise((r) => { el.onload = el.onerror = () => r(); });
(async () => {
  const ws = new WebSocket(W.replace('http:', 'ws:') + 'api/events');
  ws.onopen = () => (report.socket = 'open');
  ws.onerror = () => (report.socket = 'refused');
  ws.onmessage = (e) => report.events.push(String(e.data));
  for (const [method, body] of Object.entries(calls)) {
    await attempt('no-cors text/plain ' + method, () =>
      fetch(W + 'api/' + method, { method: 'POST', mode: 'no-cors', credentials: 'include', body,
        headers: { 'content-type': 'text/plain' } }).then((r) => r.type));
    await attempt('no-cors no type ' + method, () =>
      fetch(W + 'api/' + method, { method: 'POST', mode: 'no-cors', credentials: 'include', body }).then((r) => r.type));
    await attempt('cors json ' + method, () =>
      fetch(W + 'api/' + method, { method: 'POST', credentials: 'include', body,
        headers: { 'content-type': 'application/json' } }).then((r) => r.status));
  }
  await attempt('cors read runs.list', () =>
    fetch(W + 'api/runs.list', { method: 'POST', credentials: 'include', body: '{}' }).then((r) => r.text()));
  const sink = document.querySelector('iframe');
  const sunk = loaded(sink);
  document.querySelector('form').submit();
  await sunk;
  const targets = ['api/%E0%A4%A', '%E0%A4%A', 'api/%', 'api/runs.list', '?token=guess'];
  await Promise.all(targets.map((t) => { const img = new Image(); const p = loaded(img); img.src = W + t; return p; }));
  report.done = true;
})();`;
}

/** The page: a text/plain form (the classic JSON-smuggling trick) into a hidden frame, and the script. */
export function attackHtml(workbench: string, runId: string): string {
  const field = `{"id":"${runId}","name":"pwned","x":"`;
  return `<!doctype html><html><head><title>not the workbench</title></head><body>
<iframe name="sink" style="display:none"></iframe>
<form method="POST" enctype="text/plain" target="sink" action="${workbench}api/runs.update">
<input type="hidden" name='${field}' value='"}'></form>
<script>${script(workbench, runId)}</script></body></html>`;
}

/** Serves the hostile page on 127.0.0.1 at another port: same site as the workbench, another origin. */
export async function startAttackServer(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
