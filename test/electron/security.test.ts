/** Window options, CSP, navigation, permissions and the app:// protocol — asserted without Electron. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { responseHeaders, resolveAppFile, serveAppProtocol } from '../../electron/app-protocol.ts';
import {
  desktopContentSecurityPolicy,
  hardenContents,
  hardenSession,
  navigationAllowed,
  requestAllowed,
  windowOptions,
} from '../../electron/security.ts';
import { ROOT } from '../../electron/paths.ts';
import { tempDir } from '../helpers/cli.ts';

const directives = (csp: string) =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k, v]),
  );

describe('window options', () => {
  const o = windowOptions('/app/dist/desktop/preload.cjs');
  it('isolate the page: context isolation, sandbox, no Node, web security on', () => {
    expect(o.webPreferences).toMatchObject({
      preload: '/app/dist/desktop/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });
  it('keep remembered bounds and open hidden until the first paint', () => {
    expect(windowOptions('p', { x: 10, y: 20, width: 1000, height: 700 })).toMatchObject({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
      show: false,
    });
  });
});

describe('the Content-Security-Policy', () => {
  const csp = directives(desktopContentSecurityPolicy());
  it('is strict: own origin only, no inline or eval, no plugins, no remote connections', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(desktopContentSecurityPolicy()).not.toMatch(/unsafe|https?:|\*|ws:/);
  });
  it('the renderer page carries a strict CSP meta tag too', () => {
    const html = readFileSync(join(ROOT, 'renderer/index.html'), 'utf8');
    const meta = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
    expect(meta).toBeTruthy();
    const m = directives(meta!);
    expect(m.get('script-src')).toEqual(["'self'"]);
    expect(m.get('default-src')).toEqual(["'self'"]);
    expect(meta).not.toMatch(/unsafe-(inline|eval)/);
  });
});

describe('navigation, new windows, permissions, remote content', () => {
  it('allows only hash moves within the app page', () => {
    const page = 'app://workbench/index.html#/design';
    expect(navigationAllowed(page, 'app://workbench/index.html#/history')).toBe(true);
    expect(navigationAllowed(page, 'app://workbench/other.html')).toBe(false);
    expect(navigationAllowed(page, 'https://example.com/')).toBe(false);
    expect(navigationAllowed(page, 'file:///etc/passwd')).toBe(false);
    expect(navigationAllowed('', 'app://workbench/index.html')).toBe(false);
  });
  it('requests only to the app, data: and blob:', () => {
    expect(requestAllowed('app://workbench/assets/index.js')).toBe(true);
    expect(requestAllowed('data:image/png;base64,AA')).toBe(true);
    for (const url of ['https://cdn.example/x.js', 'http://127.0.0.1:8787/api', 'file:///etc/hosts', 'ws://localhost/'])
      expect(requestAllowed(url)).toBe(false);
  });
  it('hardenContents denies navigation away, new windows and webviews', () => {
    const handlers = new Map<string, (e: { preventDefault(): void }, url: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    hardenContents({
      getURL: () => 'app://workbench/index.html#/design',
      on: (event: string, h: never) => handlers.set(event, h),
      setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
    } as never);
    const nav = (event: string, url: string) => {
      const e = { preventDefault: vi.fn() };
      handlers.get(event)!(e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(nav('will-navigate', 'https://example.com/')).toBe(true);
    expect(nav('will-redirect', 'http://evil.example/')).toBe(true);
    expect(nav('will-navigate', 'app://workbench/index.html#/settings')).toBe(false);
    expect(nav('will-attach-webview', '')).toBe(true);
    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });
  it('hardenSession denies every permission and cancels remote requests', async () => {
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | undefined;
    let check: ((...a: unknown[]) => boolean) | undefined;
    let before: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    hardenSession({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
      webRequest: { onBeforeRequest: (h) => (before = h) },
    });
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      request!(null, p, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    expect(check!(null, 'media')).toBe(false);
    const answer = (url: string) => new Promise((r) => before!({ url }, r));
    await expect(answer('https://example.com/a.js')).resolves.toEqual({ cancel: true });
    await expect(answer('app://workbench/index.html')).resolves.toEqual({ cancel: false });
  });
});

describe('the app:// protocol', () => {
  const tmp = tempDir();
  const root = join(tmp.dir, 'dist');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'a.js'), 'export {}');
  writeFileSync(join(tmp.dir, 'secret.txt'), 'secret');
  afterAll(() => tmp.cleanup());

  it('maps app://workbench/… into the renderer folder and nowhere else', () => {
    expect(resolveAppFile(root, 'app://workbench/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://workbench/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://workbench/assets/a.js?v=1#x')).toBe(join(root, 'assets', 'a.js'));
    // URL parsing resolves dot segments (also %2e%2e) against the root: these stay inside it
    expect(resolveAppFile(root, 'app://workbench/../secret.txt')).toBe(join(root, 'secret.txt'));
    expect(resolveAppFile(root, 'app://workbench/%2e%2e/secret.txt')).toBe(join(root, 'secret.txt'));
    // an encoded slash survives parsing and would climb out once decoded: refused
    for (const url of [
      'app://workbench/..%2fsecret.txt',
      'app://workbench/..%5csecret.txt',
      'app://workbench/%00',
      'app://workbench/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
      'nope',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });

  it('answers with the file, its type and the CSP; 404 for anything else', async () => {
    let handler: ((r: Request) => Promise<Response> | Response) | undefined;
    const fetchFile = async (url: string) => new Response(readFileSync(new URL(url)));
    serveAppProtocol({ handle: (_scheme, h) => (handler = h) }, root, fetchFile);
    const ok = await handler!(new Request('app://workbench/assets/a.js'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(ok.headers.get('content-security-policy')).toBe(desktopContentSecurityPolicy());
    expect(await ok.text()).toBe('export {}');
    expect((await handler!(new Request('app://workbench/missing.js'))).status).toBe(404);
    expect((await handler!(new Request('app://workbench/..%2fsecret.txt'))).status).toBe(404);
    expect(responseHeaders('x.html')['x-content-type-options']).toBe('nosniff');
  });
});
