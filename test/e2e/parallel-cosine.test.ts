/**
 * Two runs training at once in Debian's Chromium against serve mode: Live lists both in its active-runs
 * strip and switches between them; when they end, Compare of the pair overlays the cls/seg task-gradient
 * cosine. Screenshots of both, light and dark, for a person to look at.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, hasChromium, hasRenderer, SHOTS, startE2E } from './harness.ts';

const why = !hasChromium
  ? ' (skipped: /usr/bin/chromium not installed — apt-get install chromium)'
  : !hasRenderer
    ? ' (skipped: renderer not built — npm run build:renderer)'
    : '';

/** A λ pair on a small seed-style CNN: long enough (many small batches) to be seen training side by side. */
const EXPERIMENT = {
  name: 'e2e parallel λ',
  base: {
    data: { kind: 'shapes', imageSize: 16, trainCount: 768, valCount: 64 },
    model: { trunk: 'cnn', depth: 2, width: 8, kernelSize: 3, downsampleEvery: 2, denseUnits: 32 },
    tasks: [{ kind: 'cls', primary: true }, { kind: 'seg' }],
    optimizer: { kind: 'adam', learningRate: 0.001 },
    epochs: 4,
    batchSize: 8,
  },
  sweep: { 'weighting.lambda': [0.25, 0.75] },
};

let e2e: E2E;
let ids: string[] = [];

async function statuses() {
  const r = await Promise.all(ids.map((id) => e2e.service.handle('runs.get', { id })));
  return r.map((x) => (x.ok ? (x.value as { status: string }).status : 'missing')).join();
}

describe.skipIf(!!why)(`two parallel runs and the cosine overlay in Chromium${why}`, () => {
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('Live shows both running runs and switches between them', async () => {
    const started = await e2e.service.handle('runs.start', { experiment: EXPERIMENT });
    expect(started.ok).toBe(true);
    ids = (started as { value: { runIds: string[] } }).value.runIds;
    const { page } = e2e;
    await page.goto(`${e2e.url}#/live/${ids[0]}`);
    const strip = page.locator('[data-testid="active-runs"]');
    await expect.poll(() => strip.locator('a[data-run]').count(), { timeout: 120_000, interval: 250 }).toBe(2);
    await strip.locator(`a[data-run="${ids[1]}"]`).click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/live/${ids[1]}`));
    // the strip lists a run as soon as the scheduler hands it a worker; the header once the worker has started it
    await expect
      .poll(() => page.locator('[data-testid="run-status"]').textContent(), { timeout: 120_000, interval: 250 })
      .toBe('running');
    await page.locator('figure canvas').first().waitFor({ timeout: 120_000 });
    await e2e.shot('live-two-parallel-light');
    const dark = await (await e2e.newContext({ colorScheme: 'dark' })).newPage();
    await dark.goto(page.url());
    await dark.locator('[data-testid="active-runs"]').waitFor();
    await dark.waitForTimeout(800);
    await dark.screenshot({ path: join(SHOTS, 'live-two-parallel-dark.png'), fullPage: true });
    await dark.close();
  });

  it('Compare of the finished pair overlays the task-gradient cosine', async () => {
    await expect.poll(statuses, { timeout: 300_000, interval: 1000 }).toBe('completed,completed');
    const { page } = e2e;
    await page.goto(`${e2e.url}#/compare?ids=${ids.join(',')}`);
    const kind = page.locator('select[aria-label="Series kind"]');
    await kind.waitFor();
    await kind.selectOption('cosine');
    const overlay = page.locator('figure[aria-label^="overlay of the chosen series"]');
    expect(await kind.inputValue()).toBe('cosine');
    expect(await page.locator('select[aria-label="Task pair"]').textContent()).toContain('cls · seg');
    // both runs have the pair: no "n/a" note under the overlay
    expect(await page.locator('[data-testid="overlay-na"]').count()).toBe(0);
    await overlay.locator('canvas').first().waitFor();
    await page.waitForTimeout(500);
    await e2e.shot('compare-cosine-light');
    const dark = await (await e2e.newContext({ colorScheme: 'dark' })).newPage();
    await dark.goto(page.url());
    await dark.locator('select[aria-label="Series kind"]').selectOption('cosine');
    await dark.waitForTimeout(800);
    await dark.screenshot({ path: join(SHOTS, 'compare-cosine-dark.png'), fullPage: true });
    await dark.close();
  });
});
