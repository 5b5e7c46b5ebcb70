/**
 * Settings in Chromium against serve mode: the theme switches the whole page and holds across a
 * reload, runs in parallel reach the service (and are applied again when the app starts), the
 * database's size shows, the backends' next steps carry no paths, and Design checks an IDX file
 * through the service, with no Browse… in the browser. Screenshots in test-output/screenshots/.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSet } from '../unit/data/idx-helpers.ts';
import { tempDir } from '../helpers/cli.ts';
import { luminance, pageColours } from './colours.ts';
import { type E2E, hasChromium, hasRenderer, startE2E } from './harness.ts';

const DARK = 0.1;

describe.skipIf(!hasChromium || !hasRenderer)(
  'Settings end to end (skipped without Chromium or a built renderer)',
  () => {
    let e2e: E2E;
    const tmp = tempDir();
    beforeAll(async () => (e2e = await startE2E({ colorScheme: 'light' })), 60_000);
    afterAll(async () => (await e2e?.close(), tmp.cleanup()));

    const mainText = () => e2e.page.locator('main').textContent();

    it('Dark darkens every part of the page at once, and holds across a reload; System follows the light system', async () => {
      const { page } = e2e;
      await page.goto(`${e2e.url}#/settings`);
      await expect.poll(mainText, { timeout: 30_000 }).toMatch(/e2e\.db/);
      expect(luminance((await pageColours(page)).page)).toBeGreaterThan(0.5);
      await page.locator('[data-theme-choice=dark]').check();
      await expect.poll(async () => luminance((await pageColours(page)).page)).toBeLessThan(DARK);
      expect(luminance((await pageColours(page)).nav)).toBeLessThan(DARK);
      await page.reload();
      await expect.poll(mainText, { timeout: 30_000 }).toMatch(/e2e\.db/);
      expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
      expect(await page.locator('[data-theme-choice=dark]').isChecked()).toBe(true);
      await e2e.shot('settings-dark-chosen');
      await page.locator('[data-theme-choice=system]').check();
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('light');
    });

    it('runs in parallel go to the service at once and again when the app starts', async () => {
      const { page, service } = e2e;
      await page.goto(`${e2e.url}#/settings`);
      await page.locator('#parallel-input').fill('1');
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect.poll(() => service.scheduler.parallel).toBe(1);
      // the service restarted with its default: the app applies the remembered choice on load
      service.scheduler.setParallel(2);
      await page.reload();
      await expect.poll(() => service.scheduler.parallel, { timeout: 30_000 }).toBe(1);
      service.scheduler.setParallel(2);
      await page.evaluate(() => localStorage.removeItem('gw-parallel'));
    });

    it('shows the database size, says serve --db chooses it, and no backend text holds a path', async () => {
      const { page } = e2e;
      await page.goto(`${e2e.url}#/settings`);
      await expect
        .poll(() => page.getByTestId('db-size').textContent(), { timeout: 30_000 })
        .toMatch(/\d+(\.\d)? (kB|MB)/);
      expect(await page.getByTestId('db-serve-note').textContent()).toContain('serve --db');
      expect(await page.getByTestId('open-database').count()).toBe(0);
      await expect
        .poll(() => page.locator('[data-backend=tensorflow] [data-testid=next-step]').textContent(), {
          timeout: 60_000,
        })
        .toMatch(/npm install @tensorflow\/tfjs-node@/);
      await e2e.shot('settings-backends-next-steps');
      expect(await page.locator('[data-backend]').allTextContents()).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/\/src\/|node_modules\/|\.ts\b/)]),
      );
    });

    it('Design checks an IDX file through the service as it is typed; no Browse… in the browser', async () => {
      const { page } = e2e;
      const set = writeSet(join(tmp.dir, 'idx'), 'train', { count: 12, height: 6, width: 5, classes: 3 });
      await page.goto(`${e2e.url}#/design`);
      await page.locator('#f-data-kind').selectOption('idx');
      await page.locator('#f-data-images').fill(set.images);
      const images = page.locator('[data-idx-field="data.images"] [data-testid=idx-check]');
      await expect.poll(() => images.textContent(), { timeout: 10_000 }).toBe('✓ 12 images, 6×5');
      await page.locator('#f-data-labels').fill(join(tmp.dir, 'idx', 'nope'));
      const labels = page.locator('[data-idx-field="data.labels"] [data-testid=idx-check]');
      await expect.poll(() => labels.textContent(), { timeout: 10_000 }).toBe('✗ file not found');
      expect(await page.getByTestId('browse').count()).toBe(0);
      await e2e.shot('design-idx-check');
    });
  },
);
