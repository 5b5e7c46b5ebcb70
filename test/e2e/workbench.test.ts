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
import { OVERLAY_GRID } from './chart-grids.ts';
import { type E2E, hasChromium, hasRenderer, SHOTS, startE2E } from './harness.ts';
import { hoverHeatCell, hoverLastEpoch, shootTip, storedEpochs, threeDigits, tipText } from './tooltips.ts';

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
  // the previous test's edits are a saved draft: replacing them asks first
  const replace = page.locator('dialog[open] [data-test="confirm"]');
  await replace.click({ timeout: 1500 }).catch(() => undefined);
  await setField(page, 'name', name);
  await setField(page, 'epochs', '2');
  await setField(page, 'data.trainCount', '128');
  await setField(page, 'data.valCount', '32');
}

let e2e: E2E;

/**
 * Hover Live's heatmap at (epoch 2, first layer) and the loss chart at epoch 2: the tooltips name
 * the layer / series and show the stored values to 3 significant digits. Screenshots of both.
 */
async function hoverLive(page: Page, runId: string, scheme: string) {
  const [, e2] = await storedEpochs(e2e.service, runId);
  const heat = page.locator('figure[aria-label="Layer by epoch gradient heatmap"]');
  await heat.locator('canvas').first().waitFor();
  await hoverHeatCell(page, heat, { x: 1, y: 0, cols: 2, rows: e2.layers.length });
  const l0 = e2.layers[0];
  await expect.poll(() => tipText(heat)).toContain(l0.layer);
  const heatTip = (await tipText(heat))!;
  expect(heatTip).toContain('epoch 2');
  expect(heatTip).toContain(`\ndL/dW:  ${threeDigits(l0.gradL2)}`);
  expect(heatTip).toContain(`log10 dL/dW:  ${Math.log10(l0.gradL2).toFixed(2)}`);
  await shootTip(heat, `live-heatmap-tooltip-${scheme}`);

  const loss = page.locator('figure[aria-label="Loss per task"]');
  await loss.locator('canvas').first().waitFor();
  await hoverLastEpoch(page, loss);
  const stored = e2.metrics.find((m) => m.task === 'cls' && m.name === 'loss' && m.split === 'train')!.value;
  await expect.poll(() => tipText(loss)).toContain(`cls train:  ${threeDigits(stored)}`);
  expect(await tipText(loss)).toMatch(/^epoch 2\n/);
  await shootTip(loss, `live-loss-tooltip-${scheme}`);
}

/** Hover Compare's overlay (vanishing ratio, log10) at epoch 2 and the first run's heatmap cell. */
async function hoverCompare(page: Page, runIds: string[], names: string[], scheme: string) {
  const overlay = page.locator('figure[aria-label^="overlay of the chosen series"]');
  await overlay.locator('canvas').first().waitFor();
  await hoverLastEpoch(page, overlay, OVERLAY_GRID);
  for (const [i, id] of runIds.entries()) {
    const ratio = (await storedEpochs(e2e.service, id))[1].vanishingRatio!;
    await expect.poll(() => tipText(overlay)).toContain(`${names[i]}:  ${threeDigits(Math.log10(ratio))}`);
  }
  await shootTip(overlay, `compare-overlay-tooltip-${scheme}`);

  const [, e2] = await storedEpochs(e2e.service, runIds[0]);
  const heat = page.locator(`figure[aria-label^="${names[0]}:"]`);
  const plot = heat.locator('.plot');
  await plot.scrollIntoViewIfNeeded();
  const b = (await plot.boundingBox())!;
  await page.mouse.move(b.x + b.width * 0.75, b.y + b.height * (1 - 0.5 / e2.layers.length), { steps: 3 });
  const tip = heat.locator('[data-testid="heat-tip"]');
  await expect.poll(() => tip.textContent()).toContain(e2.layers[0].layer);
  expect(await tip.textContent()).toMatch(new RegExp(`\\n[^\\n]*dL/dW[^\\n]*:  ${threeDigits(e2.layers[0].gradL2)}`));
  expect(await tip.textContent()).toContain('epoch 2');
  await shootTip(heat, `compare-heatmap-tooltip-${scheme}`);
}

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

  it('Enter in the name field of a valid form does not start a run', async () => {
    const { page } = e2e;
    await designQuickRun(page, 'seed-cnn-cls-seg', 'e2e enter');
    expect(await page.locator('[data-action="run"]').isDisabled()).toBe(false);
    await page.locator('[data-field="name"] input').press('Enter');
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/#\/design$/);
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
    await hoverLive(page, runIds[0], 'light');
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
    await hoverCompare(page, runIds, ['e2e first', 'e2e second'], 'light');
    const download = page.waitForEvent('download');
    await page.locator('[data-export="csv"]').first().click();
    const file = await (await download).path();
    const rows = parse(readFileSync(file!, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(new Set(rows.map((r) => r.run_id))).toEqual(new Set(runIds));
    expect(rows.some((r) => r.series === 'vanishing_ratio')).toBe(true);
    expect(rows.some((r) => r.series === 'health_dz_ratio')).toBe(true);
  });

  it('History search keeps every keystroke typed at 50 ms intervals right after clearing a filter', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}#/history`);
    await page.locator(`[data-run-id="${runIds[0]}"]`).waitFor();
    const tag = page.locator('.tag-filter');
    await tag.fill('no-such-tag');
    await tag.press('Enter');
    await expect.poll(() => page.locator('[data-run-id]').count()).toBe(0);
    await tag.fill('');
    const search = page.locator('.text-filter');
    await search.pressSequentially('e2e first', { delay: 50 });
    expect(await search.inputValue()).toBe('e2e first');
    await page.waitForTimeout(400); // both debounced filters have been sent
    expect(await search.inputValue()).toBe('e2e first');
    await expect.poll(() => page.locator('[data-run-id]').count()).toBe(1);
    await page.locator(`[data-run-id="${runIds[0]}"]`).waitFor();
  });

  it('at 1024×700 every History column can be reached with a run selected', async () => {
    const { page } = e2e;
    await page.setViewportSize({ width: 1024, height: 700 });
    try {
      await page.goto(`${e2e.url}#/history`);
      await page.locator(`[data-run-id="${runIds[0]}"]`).click();
      await page.locator('aside.details').waitFor();
      const table = (await page.locator('.runs-table').boundingBox())!;
      const inside = async (selector: string) => {
        const b = (await page.locator(selector).first().boundingBox())!;
        return b.x >= table.x - 1 && b.x + b.width <= table.x + table.width + 1;
      };
      const headers = await page.locator('.runs-table [role=columnheader]').count();
      const reached = new Set<number>();
      // scroll sideways in steps, as a person would, and note every header that is then fully in view
      for (let step = 0; step <= 10; step++) {
        await page.locator('.runs-table [role=grid]').evaluate((el, k) => {
          el.scrollLeft = ((el.scrollWidth - el.clientWidth) * k) / 10;
        }, step);
        await page.waitForTimeout(50);
        for (let i = 0; i < headers; i++)
          if (await inside(`.runs-table [role=columnheader]:nth-child(${i + 1})`)) reached.add(i);
      }
      expect(reached.size).toBe(headers);
      // the row scrolled with its header: the last cell (gradient health) is in view at the far right
      expect(await inside(`[data-run-id="${runIds[0]}"] [role=gridcell]:last-child`)).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  it('settings shows the database and the backend diagnostics', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}#/settings`);
    await expect.poll(() => page.locator('main').textContent(), { timeout: 30_000 }).toMatch(/e2e\.db/);
    await expect.poll(() => page.locator('main').textContent(), { timeout: 30_000 }).toMatch(/tensorflow-gpu/);
    await e2e.shot('settings-light');
  });

  it('every view in dark mode: dark page and nav, a light, visible main heading', async () => {
    const dark = await e2e.newContext({ colorScheme: 'dark' });
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
      if (view === 'live') await hoverLive(page, runIds[0], 'dark');
      if (view === 'compare') await hoverCompare(page, runIds, ['e2e first', 'e2e second'], 'dark');
    }
    await dark.close();
  });

  it('the error watch sees a CSP violation (so its silence below means something)', async () => {
    const before = e2e.errors.length;
    const { page } = e2e;
    await page.goto(`${e2e.url}#/settings`);
    await page.evaluate(() => {
      const d = document.createElement('div');
      d.innerHTML = '<span style="color: red">inline style</span>';
      document.body.append(d);
    });
    await expect.poll(() => e2e.errors.slice(before).join('\n')).toMatch(/CSP violation: style-src/);
    e2e.errors.splice(before);
  });

  it('logged no page error, console error, CSP violation or failed request in the whole run', () => {
    expect(e2e.errors).toEqual([]);
  });
});
