/**
 * The study report a person sends, opened as a file in Debian's Chromium: it renders with no
 * console error (CSP violations included) and makes no request besides its own file — the charts
 * are inline SVG, nothing is fetched. Its screenshot lands in test-output/screenshots/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studyReportHtml } from '../../src/studies/report/html.ts';
import { tempDir } from '../helpers/cli.ts';
import { glorotResult } from '../renderer/study-fixtures.ts';
import { hasChromium, launchChromium, SHOTS } from './harness.ts';

const why = hasChromium ? '' : ' (skipped: /usr/bin/chromium not installed — apt-get install chromium)';

describe.skipIf(!!why)(`the study report in Chromium${why}`, () => {
  let browser: Browser;
  const tmp = tempDir();
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    tmp.cleanup();
  });

  it('opens with no console error and no network request, every chart drawn', async () => {
    const file = join(tmp.dir, 'glorot-init.html');
    writeFileSync(file, studyReportHtml(glorotResult));
    const url = pathToFileURL(file).href;
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    await page.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective));`,
    });
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => r.url() !== url && requests.push(r.url()));
    await page.goto(url, { waitUntil: 'load' });

    expect(await page.locator('figure svg').count()).toBe(glorotResult.charts.length);
    expect(await page.locator('header .verdict').textContent()).toBe('reproduced');
    const box = await page.locator('figure svg').first().boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'study-report.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });
});
