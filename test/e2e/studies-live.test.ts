/**
 * The Studies view against the real service (no fixtures): the cheapest built-in study, shrunk to a
 * few tiny runs by `set` overrides (the view offers none, so the study is started through the
 * service, as the CLI's --set does), is opened from Past study runs, followed until done, and its
 * verdict panel shows the findings, quantities and charts the runner computed; Export writes the
 * HTML report. The harness fails on any console error. Screenshot: studies-live-verdict.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudyInfo, StudyResult } from '../../src/domain/studies.ts';
import { esc } from '../../src/studies/report/escape.ts';
import { tempDir } from '../helpers/cli.ts';
import { type E2E, hasChromium, hasRenderer, startE2E } from './harness.ts';

const why = !hasChromium
  ? ' (skipped: /usr/bin/chromium not installed — apt-get install chromium)'
  : !hasRenderer
    ? ' (skipped: renderer not built — npm run build:renderer)'
    : '';

/** tiny data and one activation, as test/integration/study-cli.test.ts shrinks the smallest study */
const TINY = {
  'model.activation': 'tanh',
  'data.imageSize': 8,
  'data.trainCount': 16,
  'data.valCount': 8,
  'model.width': 4,
  'stats.probeBatchSize': 8,
};

async function value<T>(e2e: E2E, method: string, input: unknown): Promise<T> {
  const r = await e2e.service.handle(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

describe.skipIf(!!why)(`the Studies view on the real service${why}`, () => {
  let e2e: E2E;
  const tmp = tempDir();
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
    tmp.cleanup();
  });

  it(
    'runs the cheapest study tiny, follows it to done, shows its verdict and exports it',
    { timeout: 180_000 },
    async () => {
      const studies = await value<StudyInfo[]>(e2e, 'studies.list', {});
      const cost = (s: StudyInfo) => s.sizes.quick.runs * s.sizes.quick.epochs;
      const cheapest = [...studies].sort((a, b) => cost(a) - cost(b))[0];
      const { studyRunId, runIds } = await value<{ studyRunId: string; runIds: string[] }>(e2e, 'studies.run', {
        name: cheapest.name,
        size: 'quick',
        seeds: 2,
        set: TINY,
      });
      expect(runIds.length).toBeGreaterThan(0);
      expect(runIds.length).toBeLessThanOrEqual(8);

      const { page } = e2e;
      await page.goto(`${e2e.url}#/studies`);
      const card = page.locator(`[data-study="${cheapest.name}"]`);
      await card.click();
      expect(await card.getAttribute('aria-pressed')).toBe('true');
      const row = page.locator(`[data-study-run="${studyRunId}"]`);
      expect(await row.locator('.badge').textContent()).toContain('varied');
      await row.locator('button').click();

      const progress = page.locator('[data-testid=study-progress]');
      await expect.poll(() => progress.locator('.status').textContent(), { timeout: 150_000 }).toBe('done');
      await expect.poll(() => progress.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
      expect(await progress.textContent()).toContain(`${runIds.length} of ${runIds.length} runs ended`);

      const result = await value<StudyResult>(e2e, 'studies.result', { id: studyRunId });
      expect(result.status).toBe('done');
      expect(result.findings.length).toBeGreaterThan(0);
      const panel = page.locator('[data-testid=verdict-panel]');
      expect(await panel.locator('[data-testid=study-verdict]').textContent()).toBe(result.verdict);
      for (const f of result.findings)
        expect(await panel.locator(`[data-finding="${f.id}"]`).textContent()).toContain(f.claim);
      expect(result.charts.length).toBeGreaterThan(0);
      await expect
        .poll(
          () =>
            panel
              .locator('figure.echart')
              .filter({ has: page.locator('canvas') })
              .count(),
          { timeout: 20_000 },
        )
        .toBe(result.charts.length);
      await page.waitForTimeout(500);
      await e2e.shot('studies-live-verdict');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-testid=study-export]').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${cheapest.name}-\\d{4}-\\d{2}-\\d{2}\\.html$`));
      const path = join(tmp.dir, download.suggestedFilename());
      await download.saveAs(path);
      const html = readFileSync(path, 'utf8');
      expect(html).toMatch(/^<!doctype html>/);
      expect(html.match(/<svg /g)).toHaveLength(result.charts.length);
      for (const f of result.findings) expect(html).toContain(esc(f.claim));
      // the report says the run was shrunk, so its verdict is not read as the published study's
      expect(html).toContain('Overrides applied to every run');
      expect(html).toContain('&quot;data.trainCount&quot;: 16');
      const saved = page.getByRole('status').filter({ hasText: 'Saved' });
      expect(await saved.textContent()).toBe(`Saved ${download.suggestedFilename()}`);
    },
  );
});
