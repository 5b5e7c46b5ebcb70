import { expect, it } from 'vitest';
import { OVERLAY_GRID } from '../../renderer/src/charts/compare-series.ts';
import { HEAT_GRID, LINE_GRID } from '../../renderer/src/charts/options.ts';
import * as e2e from '../e2e/chart-grids.ts';

it('the e2e run hovers the plot areas the charts really have', () => {
  expect({ ...e2e }).toEqual({ LINE_GRID, HEAT_GRID, OVERLAY_GRID });
});
