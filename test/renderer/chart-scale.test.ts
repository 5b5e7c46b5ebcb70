import { describe, expect, it } from 'vitest';
import {
  FIXED_LOG_SCALE,
  fitLogScale,
  scalePieces,
  scaleTicks,
  tickStep,
} from '../../renderer/src/charts/colour-scale.ts';
import { lineOption } from '../../renderer/src/charts/options.ts';
import { ema, type Point } from '../../renderer/src/charts/series.ts';

describe('colour scale', () => {
  it('fits the positive values, or a unit span when there are none', () => {
    expect(fitLogScale([1e-3, 0, null, 10])).toEqual({ min: -3, max: 1 });
    expect(fitLogScale([null, 0])).toEqual({ min: -1, max: 0 });
    expect(fitLogScale([1])).toEqual({ min: -0.5, max: 0.5 });
  });
  it('the fixed scale ticks every decade from 1e-9 to 10, in real units', () => {
    expect(tickStep(FIXED_LOG_SCALE)).toBe(1);
    expect(scaleTicks(FIXED_LOG_SCALE).map((t) => t.label)).toEqual([
      '1e-9',
      '1e-8',
      '1e-7',
      '1e-6',
      '1e-5',
      '1e-4',
      '0.001',
      '0.01',
      '0.1',
      '1',
      '10',
    ]);
  });
  it('a narrow range gets intermediate ticks, not just its rounded ends', () => {
    const t = scaleTicks({ min: -0.4, max: 0.1 });
    expect(t.length).toBeGreaterThanOrEqual(4);
    expect(t.map((x) => x.label)).toContain('1');
  });
  it('colour-bar steps: open ends, labelled in real units, large on top, the mark on its step', () => {
    const p = scalePieces({ min: -6, max: 0 }, { log: -1.5, label: 'health band' });
    expect(p.map((x) => x.label)).toEqual([
      '≥ 0.1',
      '0.01 – 0.1  ◂ health band',
      '0.001 – 0.01',
      '1e-4 – 0.001',
      '1e-5 – 1e-4',
      '< 1e-5',
    ]);
    expect(p[0]).toMatchObject({ gte: -1 });
    expect(p[0]).not.toHaveProperty('lt');
    expect(p[5]).toMatchObject({ lt: -5 });
    expect(p[5]).not.toHaveProperty('gte');
    expect(new Set(p.map((x) => x.color)).size).toBe(6);
  });
});

describe('curves', () => {
  it('EMA smoothing: weight 0 is the raw curve; debiased from the first point; gaps stay gaps', () => {
    const pts: Point[] = [
      [1, 1],
      [2, null],
      [3, 0],
    ];
    expect(ema(pts, 0)).toBe(pts);
    const s = ema(pts, 0.5);
    expect(s[0]).toEqual([1, 1]);
    expect(s[1]).toEqual([2, null]);
    // (0.5·0.5 + 0) / (1 − 0.25) = 1/3
    expect(s[2][1]).toBeCloseTo(1 / 3, 12);
  });
  it('smoothing draws the raw curve faint under the smoothed one, same colour, legend shows one', () => {
    const o = lineOption({
      title: 't',
      series: [{ name: 'loss', points: [[1, 2]], color: '#123456' }],
      smoothing: 0.6,
    });
    expect(o.series.map((s) => [s.name, s.lineStyle.opacity, s.lineStyle.color])).toEqual([
      ['loss (raw)', 0.25, '#123456'],
      ['loss', 1, '#123456'],
    ]);
    expect(o.legend.data).toEqual(['loss']);
  });
  it('log y drops values a log axis cannot draw', () => {
    const o = lineOption({
      title: 't',
      yName: 'loss',
      series: [
        {
          name: 'a',
          points: [
            [1, 0],
            [2, 0.5],
          ],
        },
      ],
      logY: true,
    });
    expect(o.yAxis.type).toBe('log');
    expect(o.yAxis.name).toBe('loss (log)');
    expect(o.series[0].data).toEqual([
      [1, null],
      [2, 0.5],
    ]);
  });
  it('x starts at epoch 1; a single epoch gets a span and visible dots; zoom inside and by slider', () => {
    const o = lineOption({ title: 't', series: [{ name: 'a', points: [[1, 0.3]] }] });
    expect(o.xAxis.min({ min: 1 })).toBe(1);
    expect(o.xAxis.max({ min: 1, max: 1 })).toBe(2);
    expect(o.xAxis.max({ min: 1, max: 40 })).toBe(40);
    expect(o.series[0]).toMatchObject({ showSymbol: true, symbolSize: 8 });
    expect(o.dataZoom.map((z) => z.type)).toEqual(['inside', 'slider']);
    // the y name runs along the axis, away from the title
    expect(o.yAxis.nameLocation).toBe('middle');
  });
});
