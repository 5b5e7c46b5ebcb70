/**
 * Marking a diverged run's partial epoch on a line chart: the curve stops at the last full epoch
 * and a dashed step leads to the partial point, drawn as a hollow diamond (full epochs keep the
 * default circle), so a point measured over part of an epoch never reads as a full one. The
 * tooltip at that epoch adds the label ("partial: diverged at batch k of epoch e …"). Pure.
 */
import type { TipParam } from './tooltip.ts';
import type { Point } from './series.ts';

export interface PartialMark {
  /** the partial epoch */
  epoch: number;
  /** shown in the tooltip at that epoch */
  label: string;
}

/** The symbol of a partial point; ECharts' line points are circles. */
export const PARTIAL_SYMBOL = 'emptyDiamond';

interface LineItem {
  name: string;
  data: Point[];
  silent?: boolean;
  lineStyle: object;
}

/**
 * `items` (a curve, or a smoothed curve over its faint raw one) with the partial point moved from
 * each drawn curve into a companion series of the same name and colour, so the legend toggles both.
 */
export function withPartial<T extends LineItem>(items: T[], mark: PartialMark | undefined): T[] {
  if (!mark) return items;
  return items.flatMap((it) => {
    const at = it.data.findIndex(([x, y]) => x === mark.epoch && y !== null);
    if (it.silent || at < 0) return [it];
    const prev = it.data
      .slice(0, at)
      .reverse()
      .find(([, y]) => y !== null);
    const point = { value: it.data[at], symbol: PARTIAL_SYMBOL, symbolSize: 12 };
    const step = {
      ...it,
      data: prev ? [{ value: prev, symbol: 'none' }, point] : [point],
      showSymbol: true,
      lineStyle: { ...it.lineStyle, type: 'dashed' as const },
      z: 3,
    } as unknown as T;
    return [{ ...it, data: it.data.filter((_, i) => i !== at) }, step];
  });
}

/**
 * The tooltip params with one entry per series name (the companion repeats the last full point),
 * and the labels of the series whose partial epoch is `x`.
 */
export function partialTip(
  params: TipParam[],
  marks: ReadonlyMap<string, PartialMark>,
): { params: TipParam[]; labels: string[] } {
  const seen = new Set<string>();
  const unique = params.filter((p) => !seen.has(p.seriesName ?? '') && (seen.add(p.seriesName ?? ''), true));
  const x = params[0]?.axisValue ?? (Array.isArray(params[0]?.value) ? params[0].value[0] : undefined);
  const labels = new Set<string>();
  for (const p of unique) {
    const m = marks.get(p.seriesName ?? '');
    if (m && Number(x) === m.epoch) labels.add(m.label);
  }
  return { params: unique, labels: [...labels] };
}
