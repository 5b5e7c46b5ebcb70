/**
 * The Studies view in Debian's Chromium over serve mode, the studies methods answered with the
 * fixture study (the page's requests to them are fulfilled here; everything else is the real
 * service): a past study run reopens into the verdict panel with its charts on canvas, Export
 * writes the report in the page (ECharts' SSR in a real browser), and that report, opened as a
 * file, shows the same verdict with no console error. Screenshots go to test-output/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { glorotInfo, glorotResult, glorotSummary, heInfo } from '../renderer/study-fixtures.ts';
import { tempDir } from '../helpers/cli.ts';
import { fmt } from '../../src/studies/chart-options.ts';
import { type E2E, hasChromium, hasRenderer, SHOTS, startE2E } from './harness.ts';
import { hoverLastEpoch, shootTip, tipText } from './tooltips.ts';

const why = !hasChromium
  ? ' (skipped: /usr/bin/chromium not installed — apt-get install chromium)'
  : !hasRenderer
    ? ' (skipped: renderer not built — npm run build:renderer)'
    : '';

const answers: Record<string, unknown> = {
  'studies.list': [glorotInfo, heInfo],
  'studies.runs': [glorotSummary],
  'studies.result': glorotResult,
};
const fulfil = (route: Route) => {
  const method = new URL(route.request().url()).pathname.split('/').pop() ?? '';
  const value = answers[method];
  return route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify(
      value === undefined ? { ok: false, error: { code: 'not_found', message: method } } : { ok: true, value },
    ),
  });
};

describe.skipIf(!!why)(`the Studies view in Chromium${why}`, () => {
  let e2e: E2E;
  const tmp = tempDir();
  beforeAll(async () => {
    e2e = await startE2E();
    await e2e.page.route('**/api/studies.*', fulfil);
  });
  afterAll(async () => {
    await e2e?.close();
    tmp.cleanup();
  });

  it('reopens a study run, draws its charts, and exports a report that opens clean', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}#/studies`);
    await page.locator('[data-study=glorot-init]').waitFor();
    await page.locator(`[data-study-run=${glorotResult.id}] button`).click();
    const panel = page.locator('[data-testid=verdict-panel]');
    await panel.waitFor();
    expect(await panel.locator('[data-testid=study-verdict]').textContent()).toBe('reproduced');
    await expect
      .poll(
        () =>
          panel
            .locator('figure.echart')
            .filter({ has: page.locator('canvas') })
            .count(),
        { timeout: 20_000 },
      )
      .toBe(glorotResult.charts.length);
    await page.waitForTimeout(500);
    await e2e.shot('studies-view');

    // the line chart's tooltip shows the stored mean and min–max of each arm (its text mirror)
    const line = panel.locator('figure[aria-label="RMS dL/dz per layer (tanh)"]');
    await hoverLastEpoch(page, line, { left: 72, right: 24, top: 48, bottom: 84 });
    await expect.poll(() => tipText(line), { timeout: 10_000 }).toContain('layer trunk.7');
    const arm = glorotResult.charts.find((c) => c.id === 'dz-profile')!.series[0];
    expect(await tipText(line)).toContain(
      `${arm.name}:  ${fmt(arm.y[7])}  (${fmt(arm.low![7])} … ${fmt(arm.high![7])})`,
    );
    await shootTip(line, 'studies-line-tooltip');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid=study-export]').click(),
    ]);
    expect(download.suggestedFilename()).toBe('glorot-init-2026-11-29.html');
    const path = join(tmp.dir, download.suggestedFilename());
    await download.saveAs(path);
    const html = readFileSync(path, 'utf8');
    expect(html.match(/<svg /g)).toHaveLength(glorotResult.charts.length);
    expect(html).not.toMatch(/<script|https?:/i);

    const report = await e2e.context.newPage();
    const url = pathToFileURL(path).href;
    const requests: string[] = [];
    report.on('request', (r) => r.url() !== url && requests.push(r.url()));
    await report.goto(url);
    expect(await report.locator('header .verdict').textContent()).toBe('reproduced');
    expect(await report.locator('figure svg').count()).toBe(glorotResult.charts.length);
    await report.screenshot({ path: join(SHOTS, 'study-report-from-browser.png'), fullPage: true });
    expect(requests).toEqual([]);
    await report.close();
  });

  it('in dark mode too: the view and its charts, screenshot', async () => {
    const dark = await e2e.newContext({ colorScheme: 'dark' });
    await dark.route('**/api/studies.*', fulfil);
    const page = await dark.newPage();
    await page.goto(`${e2e.url}#/studies`);
    await page.locator(`[data-study-run=${glorotResult.id}] button`).click();
    const panel = page.locator('[data-testid=verdict-panel]');
    await expect
      .poll(
        () =>
          panel
            .locator('figure.echart')
            .filter({ has: page.locator('canvas') })
            .count(),
        { timeout: 20_000 },
      )
      .toBe(glorotResult.charts.length);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SHOTS, 'studies-view-dark.png'), fullPage: true });
    await dark.close();
  });
});
