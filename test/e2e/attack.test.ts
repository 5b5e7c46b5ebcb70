/**
 * The attack test: in Debian's Chromium, a person has the workbench open (so the browser holds its
 * cookie) and visits a page on another origin of the same machine. That page tries no-cors and cors
 * fetches, a text/plain form, malformed <img> URLs and the event socket. Afterwards the real service
 * must show no run created, deleted or renamed, the page no event, and the server must still answer.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_DIST } from '../../src/cli/serve-command.ts';
import { api, type Bridged, startBridged } from '../unit/server/bridge-fixture.ts';
import { type AttackReport, attackHtml, startAttackServer } from './attack-page.ts';
import { hasChromium, hasRenderer, launchChromium } from './harness.ts';

const why = !hasChromium
  ? ' (skipped: /usr/bin/chromium not installed — apt-get install chromium)'
  : !hasRenderer
    ? ' (skipped: renderer not built — npm run build:renderer)'
    : '';

let b: Bridged;
let browser: Browser;

describe.skipIf(!!why)(`a web page on another origin cannot drive serve mode${why}`, () => {
  beforeAll(async () => {
    b = await startBridged({ staticDir: RENDERER_DIST });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await b?.close();
  });

  it('leaves every run as it was, hears no event, and the workbench page keeps working', async () => {
    const context = await browser.newContext();
    const workbench = await context.newPage();
    await workbench.goto(`${b.bridge.url}#/history`);
    const row = workbench.locator(`[data-run-id="${b.runId}"] .name`);
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('original');

    const attacker = await startAttackServer(attackHtml(b.bridge.url, b.runId));
    try {
      const hostile = await context.newPage();
      await hostile.goto(attacker.url);
      const report = () => hostile.evaluate(() => (window as unknown as { __attack: AttackReport }).__attack);
      await expect.poll(async () => (await report()).done, { timeout: 30_000 }).toBe(true);

      // the owner renames the run while the hostile socket attempt is live: the event reaches the
      // workbench page (its cookie opens the socket) and must not reach the hostile page
      expect((await b.service.handle('runs.update', { id: b.runId, name: 'renamed by owner' })).ok).toBe(true);
      await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('renamed by owner');
      await hostile.waitForTimeout(500);

      const seen = await report();
      expect(seen.events).toEqual([]);
      expect(seen.socket).not.toBe('open');
      for (const [name, outcome] of Object.entries(seen.attempts))
        if (name.startsWith('cors')) expect(outcome, name).toBe('threw TypeError');

      const list = await b.service.handle('runs.list', {});
      expect(list).toMatchObject({ ok: true, value: { total: 1, items: [{ id: b.runId, name: 'renamed by owner' }] } });
      expect(await b.service.handle('runs.active', {})).toMatchObject({ ok: true, value: { queued: [], running: [] } });
    } finally {
      await attacker.close();
    }

    expect((await api(b, 'runs.list', {})).status, 'the server still answers').toBe(200);
    const own = (type: string) =>
      workbench.evaluate(
        (t) =>
          fetch('api/runs.list', { method: 'POST', headers: { 'content-type': t }, body: '{}' }).then((r) => r.status),
        type,
      );
    expect(await own('application/json'), 'the served page still calls the API').toBe(200);
    expect(await own('text/plain'), 'even the served page cannot send a simple request').toBe(415);
    await context.close();
  });
});
