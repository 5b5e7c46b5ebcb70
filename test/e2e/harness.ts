/**
 * End-to-end harness: the real service + web bridge on 127.0.0.1 (a temp database) and Debian's
 * Chromium driven by playwright-core. Screenshots go to test-output/screenshots/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { Service } from '../../src/api/service.ts';
import { RENDERER_DIST } from '../../src/cli/serve-command.ts';
import { startWebBridge, type WebBridge } from '../../src/server/web-bridge.ts';
import { openStore } from '../../src/store/index.ts';
import { ROOT, tempDir } from '../helpers/cli.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Debian's Chromium, headless, with the flags these machines need (never a downloaded browser). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
export const hasRenderer = existsSync(join(RENDERER_DIST, 'index.html'));
export const SHOTS = join(ROOT, 'test-output', 'screenshots');

/**
 * Every CSP violation becomes a console error the harness sees: Chromium reports some only as
 * events (an ECharts HTML tooltip's inline style, for one), so they are listened for in the page.
 */
const CSP_WATCH = `document.addEventListener('securitypolicyviolation', (e) => console.error(
  'CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' +
  e.lineNumber + ' ' + (e.sample || '')));`;

/** Collect page errors, console errors (CSP violations included) and failed requests of every page of a context. */
async function watch(context: BrowserContext, errors: string[]) {
  await context.addInitScript({ content: CSP_WATCH });
  const onPage = (page: Page) => {
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(`${m.text()} ${m.location().url ?? ''}`));
    page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  };
  context.on('page', onPage);
  context.pages().forEach(onPage);
}

export interface E2E {
  url: string;
  service: Service;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** every page error, console error, CSP violation and failed request so far, in any context made here */
  errors: string[];
  /** another browser context (e.g. the dark scheme), watched like the first */
  newContext(o: { colorScheme: 'light' | 'dark' }): Promise<BrowserContext>;
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startE2E(o: { colorScheme?: 'light' | 'dark' } = {}): Promise<E2E> {
  const tmp = tempDir();
  const dbPath = join(tmp.dir, 'e2e.db');
  const service = new Service({ store: openStore(dbPath), dbPath, door: 'web', parallel: 2 });
  const bridge: WebBridge = await startWebBridge({ service, host: '127.0.0.1', port: 0, staticDir: RENDERER_DIST });
  const browser = await launchChromium();
  const errors: string[] = [];
  const newContext = async (c: { colorScheme: 'light' | 'dark' }) => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true, ...c });
    await watch(ctx, errors);
    return ctx;
  };
  const context = await newContext({ colorScheme: o.colorScheme ?? 'light' });
  const page = await context.newPage();
  mkdirSync(SHOTS, { recursive: true });
  return {
    url: bridge.url,
    service,
    browser,
    context,
    page,
    errors,
    newContext,
    shot: async (name) => {
      const path = join(SHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    close: async () => {
      await browser.close();
      await bridge.close();
      await service.close();
      tmp.cleanup();
      if (errors.length) throw new Error(`the page logged errors:\n${errors.join('\n')}`);
    },
  };
}
