/**
 * Compare's seed groups: runs that differ only by seed (RunSummary.seedGroup) drawn as one mean line
 * with a band — min–max or mean ± 1 std (sample, n − 1) — on whatever series the overlay shows.
 * The band is a custom series of one filled quadrilateral per pair of neighbouring epochs (stacked
 * lines would not do: ECharts stacks on the x dimension when both axes are values). Pure: from
 * runs.compare's data to an option.
 */
import type { CompareData } from '@core/api/contract.ts';
import type { RunDetail } from '@core/domain/runs.ts';
import { meanStd } from '@core/domain/seed-group.ts';
import type { SeriesChoice } from './compare-choices.ts';
import { compareLineOption, pointsFor, runColor, runLabels } from './compare-series.ts';
import type { LineSpec } from './options.ts';
import type { Point } from './series.ts';
import { epochTooltip, richTooltip, sig3, type TipParam } from './tooltip.ts';

export type BandKind = 'minmax' | 'std';
export const BAND_KINDS: Array<{ kind: BandKind; label: string }> = [
  { kind: 'minmax', label: 'min–max' },
  { kind: 'std', label: '±1 std' },
];

/** Runs of one seed group, by their index in the compared runs (singletons included). */
export interface RunGroup {
  key: string;
  indices: number[];
}

/** The compared runs by seed group, in first-seen order. */
export function runGroups(runs: ReadonlyArray<Pick<RunDetail, 'seedGroup'>>): RunGroup[] {
  const by = new Map<string, number[]>();
  // a run without a key (a reply from an older service) is a group of its own
  runs.forEach((r, i) => {
    const key = r.seedGroup || `run:${i}`;
    by.set(key, [...(by.get(key) ?? []), i]);
  });
  return [...by].map(([key, indices]) => ({ key, indices }));
}

export const hasSeedGroups = (runs: ReadonlyArray<Pick<RunDetail, 'seedGroup'>>) =>
  runGroups(runs).some((g) => g.indices.length >= 2);

export interface BandPoint {
  epoch: number;
  mean: number | null;
  low: number | null;
  high: number | null;
  /** members with a finite value at this epoch */
  n: number;
}

/** Per epoch (union over the members), the mean and the band over the members' finite values. */
export function bandPoints(lines: readonly Point[][], band: BandKind): BandPoint[] {
  const at = new Map<number, number[]>();
  for (const pts of lines)
    for (const [x, y] of pts) {
      const vs = at.get(x) ?? [];
      if (y !== null && Number.isFinite(y)) vs.push(y);
      at.set(x, vs);
    }
  return [...at.keys()]
    .sort((a, b) => a - b)
    .map((epoch) => {
      const s = meanStd(at.get(epoch)!);
      if (!s.n) return { epoch, mean: null, low: null, high: null, n: 0 };
      const [low, high] = band === 'minmax' ? [s.min, s.max] : [s.mean - s.std, s.mean + s.std];
      return { epoch, mean: s.mean, low, high, n: s.n };
    });
}

/** A group's legend name: its first member's, without the " · seed=N" a repeat adds, and how many runs. */
const groupName = (label: string, n: number) => `${label.replace(/ · seed=\d+$/, '')} · mean of ${n}`;

/** series id of a group's band; the tooltip leaves it out */
const BAND_ID = /^band:/;

interface TipWithId extends TipParam {
  seriesId?: string;
}

/** The overlay's tooltip: run lines as everywhere; a group line with its stored mean, low, high and n. */
export function bandTooltip(params: TipWithId | TipWithId[]): string {
  const list = (Array.isArray(params) ? params : [params]).filter((p) => !BAND_ID.test(p.seriesId ?? ''));
  const isGroup = (p: TipParam) => Array.isArray(p.data) && p.data.length === 6;
  const text = epochTooltip(list.filter((p) => !isGroup(p)));
  const groups = list.filter(isGroup).map((p) => {
    const [, , mean, low, high, n] = p.data as Array<number | null>;
    return `${p.marker ?? ''}${p.seriesName ?? ''}:  ${sig3(mean)}  (low ${sig3(low)}, high ${sig3(high)}, n ${n ?? 0})`;
  });
  if (!groups.length) return text;
  const head = text || `epoch ${String(list[0]?.axisValue ?? '')}`;
  return [head, ...groups].join('\n');
}

/**
 * The overlay with each seed group of ≥ 2 runs as a mean line and a band, other runs as their own
 * lines. Mean-line items are [epoch, drawn y, mean, low, high, n]: the drawn y may be smoothed, the
 * tooltip reads the stored statistics.
 */
export function groupedLineOption(o: {
  title: string;
  yName: string;
  runs: RunDetail[];
  data: Record<string, CompareData>;
  choice: SeriesChoice;
  band: BandKind;
  smoothing?: number;
  logY?: boolean;
}) {
  const labels = runLabels(o.runs);
  const groups = runGroups(o.runs).map((g) => {
    const lines = g.indices.map((i) => pointsFor(o.data[o.runs[i].id], o.choice));
    return { ...g, lines, band: g.indices.length >= 2 ? bandPoints(lines, o.band) : null };
  });
  const specs: LineSpec[] = groups.map((g) => ({
    color: runColor(g.indices[0]),
    ...(g.band
      ? { name: groupName(labels[g.indices[0]], g.indices.length), points: g.band.map((b): Point => [b.epoch, b.mean]) }
      : { name: labels[g.indices[0]], points: g.lines[0] }),
  }));
  const base = compareLineOption({ ...o, series: specs });
  const series = base.series.map((s) => {
    const k = specs.findIndex((sp) => sp.name === s.name);
    const band = k >= 0 ? groups[k].band : null;
    if (!band) return s;
    const data = band.map((b, x) => [b.epoch, (s.data[x]?.[1] as number | null) ?? null, b.mean, b.low, b.high, b.n]);
    return { ...s, data };
  });
  const bands = groups.flatMap((g, k) =>
    g.band ? [bandSeries(specs[k].name, g.key, g.band, specs[k].color!, o.logY)] : [],
  );
  // bands after the lines: the legend takes its icon from the first series of a name (the mean line)
  return { ...base, tooltip: richTooltip(bandTooltip), series: [...series, ...bands] };
}

/** One band segment: [epoch a, low a, high a, epoch b, low b, high b]. */
type Segment = [number, number, number, number, number, number];

/** The parts of ECharts' custom-series api renderItem uses. */
interface ItemApi {
  value(dim: number): number;
  coord(point: number[]): number[];
}

/**
 * Segments between neighbouring epochs that have a band, across epochs without one (as the lines
 * connect over gaps: probe statistics exist only every few epochs); a lone epoch is a segment of
 * zero width, drawn as a narrow bar.
 */
export function bandSegments(band: readonly BandPoint[], logY = false): Segment[] {
  const ok = band.filter((b) => b.low !== null && b.high !== null && (!logY || b.low > 0));
  const seg = (a: BandPoint, b: BandPoint): Segment => [a.epoch, a.low!, a.high!, b.epoch, b.low!, b.high!];
  if (ok.length === 1) return [seg(ok[0], ok[0])];
  return ok.slice(1).map((b, i) => seg(ok[i], b));
}

/** The band as a custom series, named like the mean line so the legend toggles both. */
export function bandSeries(name: string, key: string, band: BandPoint[], color: string, logY = false) {
  return {
    type: 'custom' as const,
    id: `band:${key}`,
    name,
    data: bandSegments(band, logY),
    // the y axis' extent covers the band's edges, not only the mean
    encode: { x: [0, 3], y: [1, 2, 4, 5] },
    renderItem: (_params: unknown, api: ItemApi) => {
      // a zero-width segment (one epoch) widens to a 6 px bar
      const at = (x: number, y: number, dx = 0) => {
        const [px, py] = api.coord([api.value(x), api.value(y)]);
        return [px + dx, py];
      };
      const w = api.value(0) === api.value(3) ? 3 : 0;
      const points = [at(0, 1, -w), at(3, 4, w), at(3, 5, w), at(0, 2, -w)];
      if (points.flat().some((v) => !Number.isFinite(v))) return null;
      return { type: 'polygon', shape: { points }, style: { fill: color, opacity: 0.22 }, silent: true };
    },
    clip: true,
    silent: true,
    itemStyle: { color },
    z: 1,
  };
}
