import { describe, expect, it } from 'vitest';
import { heatmapOption, lineOption } from '../../renderer/src/charts/options.ts';
import {
  binTooltip,
  decadeLabel,
  epochTooltip,
  heatTooltip,
  plainText,
  sig3,
  type TipParam,
} from '../../renderer/src/charts/tooltip.ts';

describe('tooltip numbers', () => {
  it('3 significant digits, scientific below 1e-3, a dash for missing', () => {
    expect(sig3(0.730061369016765)).toBe('0.730');
    expect(sig3(0.045)).toBe('0.0450');
    expect(sig3(12.345)).toBe('12.3');
    expect(sig3(0.001)).toBe('0.00100');
    expect(sig3(0.00012345)).toBe('1.23e-4');
    expect(sig3(-3.4e-9)).toBe('-3.40e-9');
    expect(sig3(0)).toBe('0');
    expect(sig3(null)).toBe('—');
    expect(sig3(Number.NaN)).toBe('—');
    expect(sig3(Infinity)).toBe('∞');
  });
  it('colour-bar labels in real units', () => {
    expect([-9, -2, 0, 1].map(decadeLabel)).toEqual(['1e-9', '0.01', '1', '10']);
    expect(decadeLabel(-4.5)).toBe('3.16e-5');
  });
});

describe('tooltip text', () => {
  const p = (seriesName: string, epoch: number, y: number | null, marker = '{m1|}'): TipParam => ({
    seriesName,
    marker,
    axisValue: epoch,
    value: [epoch, y],
  });
  it('an axis tooltip names the epoch and each series apart from its value', () => {
    const t = epochTooltip([p('cls train', 2, 0.730061369016765), p('cls val', 2, 0.00012)]);
    expect(t).toBe('epoch 2\n{m1|}cls train:  0.730\n{m1|}cls val:  1.20e-4');
    expect(plainText(t)).toBe('epoch 2\ncls train:  0.730\ncls val:  1.20e-4');
    // ECharts' rich-text marker is '{id|}' and two spaces
    expect(plainText('{a_1|}  trunk.1\nepoch 2')).toBe('trunk.1\nepoch 2');
    // series with no value at this epoch are left out, not printed as '—'
    expect(epochTooltip([p('a', 1, null), p('b', 1, 1)]).split('\n')).toHaveLength(2);
  });
  it('under smoothing, the faint raw curve adds its value to its series line', () => {
    const t = epochTooltip([p('loss (raw)', 3, 0.5), p('loss', 3, 0.4)], { rawSuffix: ' (raw)' });
    expect(plainText(t)).toBe('epoch 3\nloss:  0.400  (raw 0.500)');
  });
  it('a heatmap tooltip names the layer and epoch and shows log10 and the raw value, never glued', () => {
    const f = heatTooltip({ layers: ['trunk.1', 'trunk.2'], epochs: [1, 2], valueName: '‖dL/dW‖' });
    const t = plainText(f({ marker: '{x|}', data: [1, 0, Math.log10(0.045), 0.045] }));
    expect(t).toBe('trunk.1\nepoch 2\nlog10 ‖dL/dW‖:  -1.35\n‖dL/dW‖:  0.0450');
    expect(t).not.toMatch(/20\.045/);
    expect(plainText(f({ data: [0, 1, null, 0] }))).toMatch(/log10 ‖dL\/dW‖: {2}—\n‖dL\/dW‖: {2}0$/);
  });
  it('a histogram tooltip shows the bin and its count', () => {
    expect(plainText(binTooltip([{ axisValueLabel: '-2.5e-1', value: 12 }]))).toBe('dL/dW ≈ -2.5e-1\ncount:  12');
  });
});

describe('every chart tooltip renders as rich text on the canvas (no inline styles, CSP-safe)', () => {
  it('line and heatmap options', () => {
    const line = lineOption({ title: 't', series: [{ name: 'a', points: [[1, 1]] }] });
    const heat = heatmapOption({ title: 't', layers: ['l'], epochs: [1], values: [[1]], valueName: 'g' });
    for (const o of [line, heat]) {
      expect(o.tooltip.renderMode).toBe('richText');
      expect(typeof o.tooltip.formatter).toBe('function');
    }
    expect(heat.tooltip.trigger).toBe('item');
    const text = heat.tooltip.formatter({ data: heat.series[0].data[0] });
    expect(text).toBe('l\nepoch 1\nlog10 g:  0.00\ng:  1.00');
  });
});
