// @vitest-environment happy-dom
/** A diverged run's partial epoch on Live's and Compare's curves: hollow diamond, dashed step, tooltip label. */
import { describe, expect, it } from 'vitest';
import { compareLineOption, compareLines } from '../../renderer/src/charts/compare-series.ts';
import { layerHeatmapOption, lossOption, weightsOption } from '../../renderer/src/charts/live-series.ts';
import { PARTIAL_SYMBOL } from '../../renderer/src/charts/partial-marks.ts';
import { plainText, type TipParam } from '../../renderer/src/charts/tooltip.ts';
import { compareDataOf, makeEpoch, makePartialEpoch } from '../unit/store/fixtures/records.ts';
import { detail, mountCompare, twoTaskData } from './compare-mount.ts';

type Item = [number, number | null] | { value: [number, number | null]; symbol: string };
interface Series {
  name: string;
  data: Item[];
  silent?: boolean;
  lineStyle: { type?: string; color?: string };
  itemStyle: { color?: string };
}
const xs = (s: Series) => s.data.map((d) => (Array.isArray(d) ? d[0] : d.value[0]));
const named = (o: { series: unknown[] }, name: string) => (o.series as Series[]).filter((s) => s.name === name);
/** What ECharts hands the axis tooltip at epoch x: one param per series with a point there. */
function tipAt(o: { series: unknown[]; tooltip: { formatter: unknown } }, x: number): string {
  const params: TipParam[] = (o.series as Series[]).flatMap((s) =>
    s.data
      .map((d) => (Array.isArray(d) ? d : d.value))
      .filter(([px, y]) => px === x && y !== null)
      .map((value) => ({ seriesName: s.name, value, axisValue: x })),
  );
  return plainText((o.tooltip.formatter as (p: TipParam[]) => string)(params));
}

const diverged = [makeEpoch(1), makeEpoch(2), makePartialEpoch(3, 7)];
const LABEL = 'partial: diverged at batch 7 of epoch 3 (6 of 32 batches finished)';

describe('Live curves of a diverged run', () => {
  it('end the curve at the last full epoch and reach the partial point by a dashed step to a hollow diamond', () => {
    const o = lossOption(diverged);
    const [main, step] = named(o, 'cls train');
    expect(xs(main)).toEqual([1, 2]);
    expect(step.lineStyle.type).toBe('dashed');
    expect(step.lineStyle.color).toBe(main.lineStyle.color);
    expect(step.data).toEqual([
      { value: [2, 0.5], symbol: 'none' },
      { value: [3, 1 / 3], symbol: PARTIAL_SYMBOL, symbolSize: 12 },
    ]);
    // the partial epoch has no val metrics: the val curve is untouched
    expect(named(o, 'cls val').map(xs)).toEqual([[1, 2, 3]]);
  });

  it('say "partial: diverged at batch k of epoch e" in the tooltip there, and list each curve once', () => {
    const o = lossOption(diverged);
    expect(tipAt(o, 3)).toContain(LABEL);
    const at2 = tipAt(o, 2);
    expect(at2).not.toContain('partial');
    expect(at2.match(/cls train/g)).toHaveLength(1);
  });

  it('leave a run of full epochs, and a smoothed curve’s faint raw line, as they were', () => {
    const full = lossOption([makeEpoch(1), makeEpoch(2), makeEpoch(3)]);
    expect(named(full, 'cls train')).toHaveLength(1);
    expect(tipAt(full, 3)).not.toContain('partial');
    const smooth = lossOption(diverged, { smoothing: 0.5 });
    expect(named(smooth, 'cls train (raw)').map(xs)).toEqual([[1, 2, 3]]);
    expect(named(smooth, 'cls train')).toHaveLength(2);
    expect(named(weightsOption(diverged), 'cls')).toHaveLength(2);
  });

  it('label the partial epoch’s heatmap column', () => {
    expect(layerHeatmapOption(diverged, 'gradL2').xAxis.data).toEqual(['1', '2', '3 (partial)']);
    expect(layerHeatmapOption(diverged.slice(0, 2), 'gradL2').xAxis.data).toEqual(['1', '2']);
  });
});

describe('Compare of a diverged run', () => {
  const runs = [detail('ok', 'ok'), detail('bad', 'bad')];
  const data = { ok: twoTaskData(), bad: compareDataOf(diverged) };

  it('marks only that run’s partial point, with its name in the tooltip label', () => {
    const lines = compareLines(runs, data, { kind: 'metric', task: 'cls', name: 'loss', split: 'train' });
    expect(lines.map((l) => l.partial)).toEqual([undefined, { epoch: 3, label: `bad: ${LABEL}` }]);
    const o = compareLineOption({ title: 't', yName: 'loss', series: lines });
    expect(named(o, 'ok')).toHaveLength(1);
    const [main, step] = named(o, 'bad');
    expect(xs(main)).toEqual([1, 2]);
    expect(step.lineStyle).toMatchObject({ type: 'dashed', color: main.lineStyle.color });
    expect(tipAt(o, 3)).toContain(`bad: ${LABEL}`);
  });

  it('lists the partial epoch under the overlay', async () => {
    const { w } = await mountCompare(
      'ok,bad',
      (id) => detail(id, id),
      (id, f) => (id === 'ok' ? twoTaskData(f) : compareDataOf(diverged, f)),
    );
    expect(w.findAll('[data-testid="overlay-partial"] li').map((l) => l.text())).toEqual([
      `bad: ${LABEL} (hollow diamond)`,
    ]);
  });
});
