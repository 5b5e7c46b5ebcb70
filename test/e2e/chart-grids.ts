/**
 * The plot areas of the charts the e2e run hovers, copied from renderer/src/charts (the e2e
 * tsconfig does not resolve the renderer's imports); test/renderer/chart-grids.test.ts keeps the
 * copies equal to the originals.
 */
export const LINE_GRID = { left: 64, right: 18, top: 56, bottom: 72 };
export const HEAT_GRID = { left: 90, right: 150, top: 40, bottom: 64 };
export const OVERLAY_GRID = { ...LINE_GRID, top: 40, bottom: 96 };
