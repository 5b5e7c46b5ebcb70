/**
 * Compare's heatmaps: log10 of a layer statistic, layer × epoch, one per run, all on one colour
 * scale so a colour means the same gradient size in every run. Drawn as pixels, not chart cells.
 */
import type { CompareData, CompareLayerField } from '@core/api/contract.ts';
import { heatmapOption } from './options.ts';

export interface Matrix {
  /** layer names, ordered by layer index (first layer at the bottom of the chart) */
  layers: string[];
  epochs: number[];
  /** values[layer][epoch column], raw (not log10); null where missing */
  values: ReadonlyArray<ReadonlyArray<number | null>>;
}

const EMPTY: Matrix = { layers: [], epochs: [], values: [] };

/**
 * A run's layer × epoch matrix of one statistic, as runs.compare sent it (no copy). Empty when the
 * run is unknown or the statistic is not loaded yet.
 */
export function compareMatrix(d: CompareData | undefined, field: CompareLayerField): Matrix {
  const values = d?.layerStats[field];
  return d && values ? { layers: d.layers, epochs: d.epochs, values } : EMPTY;
}

/** The log10 range over every matrix (positive finite values only); [-1, 0] when there is none. */
export function sharedLogScale(matrices: Matrix[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const m of matrices)
    for (const r of m.values)
      for (const v of r)
        if (v !== null && v > 0 && Number.isFinite(v)) {
          const lv = Math.log10(v);
          if (lv < min) min = lv;
          if (lv > max) max = lv;
        }
  if (!Number.isFinite(min)) return { min: -1, max: 0 };
  if (min === max) return { min: min - 0.5, max: max + 0.5 };
  return { min: Math.floor(min * 100) / 100, max: Math.ceil(max * 100) / 100 };
}

/** The heatmap palette, low → high: the one heatmapOption uses, so Live and Compare read alike. */
export const HEAT_COLORS: string[] = heatmapOption({ title: '', layers: [], epochs: [], values: [], valueName: '' })
  .visualMap.inRange.color;
const RGB = HEAT_COLORS.map((c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)));

/** The colour at t ∈ [0, 1] along the palette, linearly interpolated; t is clamped. */
export function heatColor(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (RGB.length - 1);
  const i = Math.min(RGB.length - 2, Math.floor(x));
  const f = x - i;
  return [0, 1, 2].map((k) => Math.round(RGB[i][k] + (RGB[i + 1][k] - RGB[i][k]) * f)) as [number, number, number];
}

let LUT: Array<[number, number, number]> | null = null;

/**
 * RGBA pixels of a matrix, one pixel per cell: width = epochs, height = layers, the last layer in
 * the top row (the first layer at the bottom, as in Live). Missing or non-positive values are
 * transparent. Drawn on a canvas and scaled up, 20 runs × 200 epochs × 64 layers take a few ms,
 * where 256,000 chart rectangles take seconds.
 */
export function heatPixels(m: Matrix, scale: { min: number; max: number }): Uint8ClampedArray<ArrayBuffer> {
  const w = m.epochs.length;
  const h = m.layers.length;
  const px = new Uint8ClampedArray(w * h * 4);
  const span = scale.max - scale.min || 1;
  const lut = (LUT ??= Array.from({ length: 256 }, (_, i) => heatColor(i / 255)));
  for (let y = 0; y < h; y++) {
    const row = m.values[y];
    const top = (h - 1 - y) * w * 4;
    for (let x = 0; x < w; x++) {
      const v = row[x];
      if (v === null || !(v > 0) || !Number.isFinite(v)) continue;
      const t = (Math.log10(v) - scale.min) / span;
      const [r, g, b] = lut[Math.round(Math.min(1, Math.max(0, t)) * 255)];
      const o = top + x * 4;
      px[o] = r;
      px[o + 1] = g;
      px[o + 2] = b;
      px[o + 3] = 255;
    }
  }
  return px;
}

/** The cell under a point given as fractions (0..1) of the drawn area, for the tooltip. */
export function cellAt(
  m: Matrix,
  fx: number,
  fy: number,
): { layer: string; epoch: number; value: number | null } | null {
  const x = Math.floor(fx * m.epochs.length);
  const row = m.layers.length - 1 - Math.floor(fy * m.layers.length);
  if (x < 0 || x >= m.epochs.length || row < 0 || row >= m.layers.length) return null;
  return { layer: m.layers[row], epoch: m.epochs[x], value: m.values[row][x] };
}

export function compareHeatmaps(
  runs: Array<{ id: string; label: string }>,
  data: Record<string, CompareData>,
  field: CompareLayerField,
) {
  const maps = runs.map((r) => ({ id: r.id, label: r.label, matrix: compareMatrix(data[r.id], field) }));
  return { scale: sharedLogScale(maps.map((m) => m.matrix)), colors: HEAT_COLORS, maps };
}
