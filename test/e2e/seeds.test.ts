/**
 * Seeds in Debian's Chromium against serve mode: Design with "Repeat over seeds" 3 → three tiny
 * runs with derived seeds → History shows them as one group row → Compare draws the group as a
 * mean line with a band, its tooltip giving mean, low, high and n. Screenshots, light and dark.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repeatSeeds } from '../../src/experiment/repeat.ts';
import { OVERLAY_GRID } from './chart-grids.ts';
import { type E2E, hasChromium, hasRenderer, SHOTS, startE2E } from './harness.ts';
import { hoverLastEpoch, shootTip, tipText } from './tooltips.ts';

const why = !hasChromium
  ? ' (skipped: /usr/bin/chromium not installed — apt-get install chromium)'
  : !hasRenderer
    ? ' (skipped: renderer not built — npm run build:renderer)'
    : '';

const NAME = 'e2e seeds';
let e2e: E2E;

async function setField(page: Page, path: string, value: string) {
  await page.locator(`[data-field="${path}"] input`).first().fill(value);
}

interface Listed {
  id: string;
  status: string;
  seedGroup: string;
}
async function listed(): Promise<Listed[]> {
  const r = await e2e.service.handle('runs.list', { text: NAME });
  return r.ok ? (r.value as { items: Listed[] }).items : [];
}

describe.skipIf(!!why)(`seed groups in Chromium${why}`, () => {
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('Design: repeat 3 of a tiny sigmoid MLP makes three runs with derived seeds', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}#/design`);
    await page.locator('[data-preset="vanishing-sigmoid-mlp"]').click();
    await setField(page, 'name', NAME);
    await setField(page, 'epochs', '2');
    await setField(page, 'model.depth', '3');
    await setField(page, 'data.trainCount', '64');
    await setField(page, 'data.valCount', '32');
    await page.locator('input[data-field="repeat"]').fill('3');
    await expect.poll(() => page.locator('[data-action="run"]').textContent()).toBe('Run 3');
    await page.locator('[data-action="queue"]').click();
    await page.locator('[data-testid="started"]').waitFor();
    await expect
      .poll(async () => (await listed()).map((r) => r.status).join(), { timeout: 180_000, interval: 500 })
      .toBe('completed,completed,completed');
    const runs = await listed();
    expect(new Set(runs.map((r) => r.seedGroup)).size).toBe(1);
    const seeds = await Promise.all(
      runs.map(async (r) => {
        const got = await e2e.service.handle('runs.get', { id: r.id });
        return got.ok ? (got.value as { spec: { seed: number } }).spec.seed : -1;
      }),
    );
    expect(seeds.sort((a, b) => a - b)).toEqual(repeatSeeds(42, 3).sort((a, b) => a - b));
  });

  it('History shows them as one group row, which opens to its three runs', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}#/history`);
    const group = page.locator('[data-group]');
    await group.waitFor();
    expect(await group.locator('[data-testid="group-count"]').textContent()).toBe('×3 seeds');
    expect(await group.locator('[data-testid="group-metric"]').textContent()).toMatch(/^cls\/accuracy \S+ ± \S+$/);
    expect(await page.locator('.run-row').count()).toBe(1);
    await e2e.shot('history-seed-group-light');
    await group.locator('button.expand').click();
    await expect.poll(() => page.locator('.run-row.member').count()).toBe(3);
    await group.locator('button.expand').click();
  });

  it('Compare of the group draws a mean line with a band; the tooltip gives mean, low, high and n', async () => {
    const { page } = e2e;
    await page.locator('[data-group] input[type="checkbox"]').click();
    await page.locator('[data-action="compare"]').click();
    await expect.poll(() => page.url()).toMatch(/#\/compare\?ids=/);
    expect(await page.locator('[data-testid="group-seeds"]').isChecked()).toBe(true);
    await page.locator('[data-testid="group-summary"]').waitFor();
    expect(await page.locator('[data-testid="group-summary"]').textContent()).toContain('±');
    const overlay = page.locator('figure[aria-label^="overlay of the chosen series"]');
    await overlay.locator('canvas').first().waitFor();
    await page.waitForTimeout(500);
    await hoverLastEpoch(page, overlay, OVERLAY_GRID);
    await expect.poll(() => tipText(overlay)).toMatch(/e2e seeds · mean of 3: +\S+ +\(low \S+, high \S+, n 3\)/);
    await shootTip(overlay, 'compare-seed-band-tooltip-light');
    await e2e.shot('compare-seed-band-light');

    const dark = await (await e2e.newContext({ colorScheme: 'dark' })).newPage();
    await dark.goto(page.url());
    await dark.locator('[data-testid="group-summary"]').waitFor();
    await dark.waitForTimeout(800);
    await dark.screenshot({ path: join(SHOTS, 'compare-seed-band-dark.png'), fullPage: true });
    await dark.goto(`${e2e.url}#/history`);
    await dark.locator('.run-row[data-group]').waitFor();
    await dark.screenshot({ path: join(SHOTS, 'history-seed-group-dark.png'), fullPage: true });
  });
});
