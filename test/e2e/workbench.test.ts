/**
 * The workbench in Debian's Chromium against serve mode, as a person uses it: preset → bad input
 * (field error, nothing starts) → a 2-epoch run with live charts → history → a second run →
 * compare both → export CSV and parse the download → settings. Screenshots of every view (light
 * and dark) land in test-output/screenshots/.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luminance, pageColours } from './colours.ts';
import { type E2E, hasChromium, hasRenderer, SHOTS, startE2E } from './harness.ts';

/** relative luminance below which a background counts as dark (the dark theme's are ~0.01) */
const DARK = 0.05;

const why = !hasChromium
  ? ' (skipped: /usr/bin/chromium not installed — apt-get install chromium)'
  : !hasRenderer
    ? ' (skipped: renderer not built — npm run build:renderer)'
    : '';

async function setField(page: Page, path: string, value: string) {
  const input = page.locator(`[data-field="${path}"] input`).first();
  await input.fill(value);
}

/** Pick a preset and shrink it to a quick 2-epoch run. */
async function designQuickRun(page: Page, preset: string, name: string) {
  await page.goto(`${e2e.url}#/design`);
  await page.locator(`[data-preset="${preset}"]`).click();
  await setField(page, 'name', name);
  await setField(page, 'epochs', '2');
  await setField(page, 'data.trainCount', '128');
  await setField(page, 'data.valCount', '32');
}

let e2e: E2E;

describe.skipIf(!!why)(`the workbench in Chromium${why}`, () => {
  const runIds: string[] = [];
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  it('opens on Design with presets and an empty history', async () => {
    const { page } = e2e;
    await page.goto(e2e.url);
    await expect.poll(() => page.url()).toMatch(/#\/design$/);
    await page.locator('[data-preset="seed-cnn-cls-seg"]').waitFor();
    // the light scheme is light: the dark-mode bound below tells the two apart
    expect(luminance((await pageColours(page)).page)).toBeGreaterThan(0.5);
    await e2e.shot('design-light');
  });

  it('bad input shows the field error next to the field and starts nothing', async () => {
    const { page } = e2e;
    await designQuickRun(page, 'seed-cnn-cls-seg', 'e2e bad');
    await setField(page, 'epochs', '0');
    const err = page.locator('[data-field="epochs"] .field-error');
    await expect.poll(() => err.textContent()).toMatch(/Epochs.*/i);
    expect(await page.locator('[data-field="epochs"] input').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[data-action="run"]').isDisabled()).toBe(true);
    await page.locator('[data-field="epochs"] input').press('Enter');
    await e2e.shot('design-invalid-light');
    const r = await e2e.service.handle('runs.list', {});
    expect(r).toMatchObject({ ok: true, value: { total: 0 } });
  });

  it('runs the seed CNN for 2 epochs and the live charts fill in', async () => {
    const { page } = e2e;
    await designQuickRun(page, 'seed-cnn-cls-seg', 'e2e first');
    await page.locator('[data-action="run"]').click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/#\/live\/[0-9a-f-]{36}/);
    runIds.push(page.url().split('/').pop()!);
    const status = page.locator('[data-testid="run-status"]');
    await expect.poll(() => status.textContent(), { timeout: 120_000, interval: 500 }).toBe('completed');
    await expect.poll(() => page.locator('canvas').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('[data-testid="backend"]').textContent()).toMatch(/wasm|cpu|tensorflow/);
    expect(await page.getByText('epoch 2/2').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="run-health"]').textContent()).toMatch(
      /alive \d+\/\d+ · weakest trunk\.\d/,
    );
    await page.locator('[data-testid="health-band"] canvas').waitFor();
    await page.waitForTimeout(500);
    await e2e.shot('live-light');
  });

  it('history shows the run', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}#/history`);
    const row = page.locator(`[data-run-id="${runIds[0]}"]`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/e2e first.*completed.*alive \d+\/\d+/s);
    await e2e.shot('history-light');
  });

  it('queues a second run (deep supervision) that completes', async () => {
    const { page } = e2e;
    await designQuickRun(page, 'deep-supervision', 'e2e second');
    await page.locator('[data-action="queue"]').click();
    await page.locator('[data-testid="started"]').waitFor();
    const list = async () => {
      const r = await e2e.service.handle('runs.list', { text: 'e2e second' });
      return r.ok ? (r.value as { items: Array<{ id: string; status: string }> }).items : [];
    };
    await expect.poll(async () => (await list())[0]?.status, { timeout: 120_000, interval: 500 }).toBe('completed');
    runIds.push((await list())[0].id);
  });

  it('compares both runs and exports CSV that parses back', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}#/history`);
    for (const id of runIds) await page.locator(`[data-run-id="${id}"] input[type="checkbox"]`).click();
    await page.locator('[data-action="compare"]').click();
    await expect.poll(() => page.url()).toMatch(/#\/compare\?ids=/);
    await expect.poll(() => page.locator('canvas').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    for (const name of ['e2e first', 'e2e second']) expect(await page.getByText(name).count()).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    await e2e.shot('compare-light');
    const download = page.waitForEvent('download');
    await page.locator('[data-export="csv"]').first().click();
    const file = await (await download).path();
    const rows = parse(readFileSync(file!, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(new Set(rows.map((r) => r.run_id))).toEqual(new Set(runIds));
    expect(rows.some((r) => r.series === 'vanishing_ratio')).toBe(true);
    expect(rows.some((r) => r.series === 'health_dz_ratio')).toBe(true);
  });

  it('settings shows the database and the backend diagnostics', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}#/settings`);
    await expect.poll(() => page.locator('main').textContent(), { timeout: 30_000 }).toMatch(/e2e\.db/);
    await expect.poll(() => page.locator('main').textContent(), { timeout: 30_000 }).toMatch(/tensorflow-gpu/);
    await e2e.shot('settings-light');
  });

  it('every view in dark mode: dark page and nav, a light, visible main heading', async () => {
    const dark = await e2e.browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'dark' });
    const page = await dark.newPage();
    for (const [view, route, heading] of [
      ['design', '#/design', 'Design'],
      ['live', `#/live/${runIds[0]}`, 'e2e first'],
      ['history', '#/history', 'History'],
      ['compare', `#/compare?ids=${runIds.join(',')}`, 'Compare'],
      ['settings', '#/settings', 'Settings'],
    ]) {
      await page.goto(`${e2e.url}${route}`);
      const h1 = page.locator('main h1').first();
      await expect.poll(() => h1.textContent(), { timeout: 20_000 }).toBe(heading);
      expect(await h1.isVisible(), `${view}: heading visible`).toBe(true);
      const c = await pageColours(page);
      expect(luminance(c.page), `${view}: page background ${c.page}`).toBeLessThan(DARK);
      expect(luminance(c.nav), `${view}: nav background ${c.nav}`).toBeLessThan(DARK);
      expect(luminance(c.heading), `${view}: heading colour ${c.heading}`).toBeGreaterThan(0.5);
      await page.waitForTimeout(1500);
      await page.screenshot({ path: join(SHOTS, `${view}-dark.png`), fullPage: true });
    }
    await dark.close();
  });
});
