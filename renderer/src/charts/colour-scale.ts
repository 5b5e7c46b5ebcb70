/**
 * The log10 colour scale of the layer heatmaps (Live and Compare): its range, fixed or fitted to
 * the data, and the colour bar's steps labelled in real units (1e-9 … 1), so a colour reads as a
 * gradient size rather than as a rounded exponent ("0 … -0").
 */
import { decadeLabel } from './tooltip.ts';

export interface LogScale {
  /** log10 of the smallest and largest value the colours span */
  min: number;
  max: number;
}

/** The heatmap palette, low → high (blue = vanished, red = large). */
export const HEAT_PALETTE = ['#313695', '#4575b4', '#74add1', '#abd9e9', '#fee090', '#fdae61', '#f46d43', '#d73027'];

const RGB = HEAT_PALETTE.map((c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)));

/** The colour at t ∈ [0, 1] along the palette, linearly interpolated; t is clamped. */
export function heatColor(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (RGB.length - 1);
  const i = Math.min(RGB.length - 2, Math.floor(x));
  const f = x - i;
  return [0, 1, 2].map((k) => Math.round(RGB[i][k] + (RGB[i + 1][k] - RGB[i][k]) * f)) as [number, number, number];
}

/**
 * One scale for every run, Live and Compare alike: 1e-9 … 10. A colour then means the same
 * gradient size whichever run shows it; values outside draw in the end colours.
 */
export const FIXED_LOG_SCALE: LogScale = { min: -9, max: 1 };

/** The log10 range of the positive finite values (raw, not log10); [-1, 0] when there is none. */
export function fitLogScale(values: Iterable<number | null>): LogScale {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values)
    if (v !== null && v > 0 && Number.isFinite(v)) {
      const lv = Math.log10(v);
      if (lv < min) min = lv;
      if (lv > max) max = lv;
    }
  if (!Number.isFinite(min)) return { min: -1, max: 0 };
  if (min === max) return { min: min - 0.5, max: max + 0.5 };
  return { min: Math.floor(min * 100) / 100, max: Math.ceil(max * 100) / 100 };
}

/** A tick step in log10 units giving about 5–10 steps over the scale. */
export function tickStep(s: LogScale): number {
  const span = s.max - s.min;
  return [0.1, 0.25, 0.5, 1, 2, 3, 5].find((st) => span / st <= 10) ?? Math.ceil(span / 10);
}

/** Colour-bar ticks: log10 values at multiples of the step inside the scale, with their labels. */
export function scaleTicks(s: LogScale): Array<{ log: number; label: string }> {
  const step = tickStep(s);
  const out: Array<{ log: number; label: string }> = [];
  for (let t = Math.ceil(s.min / step - 1e-9) * step; t <= s.max + 1e-9; t += step) {
    const log = Math.round(t * 1000) / 1000;
    out.push({ log, label: decadeLabel(log) });
  }
  return out;
}

/**
 * The steps of a piecewise ECharts visualMap over the scale, top (large) first, each labelled in
 * real units ('1e-5 – 1e-4'); the ends are open so values outside a fixed scale still draw. A
 * `mark` (log10, e.g. the health band) labels the step that holds it.
 */
export function scalePieces(s: LogScale, mark?: { log: number; label: string }) {
  const step = tickStep(s);
  const lo = Math.floor(s.min / step + 1e-9) * step;
  const edges: number[] = [];
  for (let t = lo; t < s.max - 1e-9; t += step) edges.push(Math.round(t * 1000) / 1000);
  edges.push(Math.round((edges[edges.length - 1] + step) * 1000) / 1000);
  const n = edges.length - 1;
  const pieces = Array.from({ length: n }, (_, i) => {
    const [a, b] = [edges[i], edges[i + 1]];
    const first = i === 0;
    const last = i === n - 1;
    const marked = mark && mark.log >= a && mark.log < b ? `  ◂ ${mark.label}` : '';
    const label = first
      ? `< ${decadeLabel(b)}${marked}`
      : last
        ? `≥ ${decadeLabel(a)}${marked}`
        : `${decadeLabel(a)} – ${decadeLabel(b)}${marked}`;
    const rgb = heatColor(n > 1 ? i / (n - 1) : 0.5);
    return { ...(first ? {} : { gte: a }), ...(last ? {} : { lt: b }), label, color: `rgb(${rgb.join(',')})` };
  });
  return pieces.reverse();
}
