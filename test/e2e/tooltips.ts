/**
 * Hovering charts in the e2e run: where a cell or an epoch lies on a chart (from the grids the
 * option builders use), the tooltip text (the canvas tooltip's mirror, or Compare's heatmap tip),
 * the stored value it must show, and a screenshot of the chart with its tooltip.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Service } from '../../src/api/service.ts';
import type { EpochRecord } from '../../src/domain/records.ts';
import { HEAT_GRID, LINE_GRID } from './chart-grids.ts';
import { SHOTS } from './harness.ts';

/** The stored value as a reader should see it: 3 significant digits, scientific below 1e-3. */
export const threeDigits = (v: number) => (Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toPrecision(3));

export async function storedEpochs(service: Service, id: string): Promise<EpochRecord[]> {
  const r = await service.handle('runs.epochs', { id });
  if (!r.ok) throw new Error(`runs.epochs ${id}: ${r.error.message}`);
  return r.value as EpochRecord[];
}

async function box(l: Locator) {
  await l.scrollIntoViewIfNeeded();
  const b = await l.boundingBox();
  if (!b) throw new Error('chart not laid out');
  return b;
}

/** Move over the centre of cell (epoch column x, layer row y; row 0 at the bottom) of an ECharts heatmap. */
export async function hoverHeatCell(
  page: Page,
  figure: Locator,
  o: { x: number; y: number; cols: number; rows: number },
) {
  const b = await box(figure.locator('canvas').first());
  const w = b.width - HEAT_GRID.left - HEAT_GRID.right;
  const h = b.height - HEAT_GRID.top - HEAT_GRID.bottom;
  const px = b.x + HEAT_GRID.left + (w * (o.x + 0.5)) / o.cols;
  const py = b.y + HEAT_GRID.top + h * (1 - (o.y + 0.5) / o.rows);
  await page.mouse.move(px - 6, py - 3);
  await page.mouse.move(px, py, { steps: 3 });
}

/** Move to the right end of a line chart's plot (the last epoch), half-way up. */
export async function hoverLastEpoch(page: Page, figure: Locator, grid: typeof LINE_GRID = LINE_GRID) {
  const b = await box(figure.locator('canvas').first());
  const px = b.x + b.width - grid.right - 2;
  const py = b.y + grid.top + (b.height - grid.top - grid.bottom) / 2;
  await page.mouse.move(px - 20, py);
  await page.mouse.move(px, py, { steps: 3 });
}

/** The text of the tooltip an ECharts chart in `figure` shows now (its screen-reader mirror). */
export const tipText = (figure: Locator) => figure.locator('[data-testid="chart-tip"]').textContent();

/** A screenshot of a chart with its tooltip shown. */
export async function shootTip(figure: Locator, name: string) {
  const path = join(SHOTS, `${name}.png`);
  await figure.screenshot({ path });
  return path;
}
