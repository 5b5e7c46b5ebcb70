/**
 * Compare's heatmaps: log10 of a layer statistic, layer × epoch, one per run, all on one colour
 * scale so a colour means the same gradient size in every run. Drawn as pixels, not chart cells.
 */
import type { CompareData, CompareLayerField } from '@core/api/contract.ts';
import { FIXED_LOG_SCALE, fitLogScale, HEAT_PALETTE, heatColor, type LogScale, scaleTicks } from './colour-scale.ts';

export interface Matrix {
  /** layer names, ordered by layer index (first layer at the bottom of the chart) */
  layers: string[];
  epochs: number[];
  /** values[layer][epoch column], raw (not log10); null where missing */
  values: ReadonlyArray<ReadonlyArray<number | null>>;
}

const EMPTY: Matrix = { layers: [], epochs: [], values: [] };

/** `aux.seg@2`, `aux.seg@2.hidden` → 2: the trunk layer an aux head attaches to. */
const AUX = /^aux\.[^@]+@(\d+)(?:\.|$)/;

/**
 * Row order for drawing: layers by index, except that each aux head's layers come right after the
 * trunk layer they attach to (`aux.X@k` after `trunk.k`), where they are read against it — by index
 * they come after the whole trunk. An aux head whose trunk layer is absent keeps its place.
 */
export function attachOrder(layers: readonly string[]): number[] {
  const aux = new Map<number, number[]>();
  const at = new Map(layers.map((l, i) => [l, i]));
  const placed = new Set<number>();
  layers.forEach((l, i) => {
    const k = AUX.exec(l)?.[1];
    if (k === undefined || !at.has(`trunk.${k}`)) return;
    aux.set(Number(k), [...(aux.get(Number(k)) ?? []), i]);
    placed.add(i);
  });
  const order: number[] = [];
  layers.forEach((l, i) => {
    if (placed.has(i)) return;
    order.push(i);
    const k = /^trunk\.(\d+)$/.exec(l)?.[1];
    if (k !== undefined) order.push(...(aux.get(Number(k)) ?? []));
  });
  return order;
}

/**
 * A run's layer × epoch matrix of one statistic, rows in attachOrder (as runs.compare sent it, no
 * copy, when that is already the order). Empty when the run is unknown or the statistic is not
 * loaded yet.
 */
export function compareMatrix(d: CompareData | undefined, field: CompareLayerField): Matrix {
  const values = d?.layerStats[field];
  if (!d || !values) return EMPTY;
  const order = attachOrder(d.layers);
  if (order.every((o, i) => o === i)) return { layers: d.layers, epochs: d.epochs, values };
  return { layers: order.map((o) => d.layers[o]), epochs: d.epochs, values: order.map((o) => values[o]) };
}

/** The log10 range over every matrix (positive finite values only); [-1, 0] when there is none. */
export function sharedLogScale(matrices: Matrix[]): LogScale {
  return fitLogScale(
    (function* () {
      for (const m of matrices) for (const r of m.values) yield* r;
    })(),
  );
}

/** The heatmap palette, low → high: the one Live uses, so Live and Compare read alike. */
export const HEAT_COLORS: string[] = HEAT_PALETTE;
export { heatColor };

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
  fixed = false,
) {
  const maps = runs.map((r) => ({ id: r.id, label: r.label, matrix: compareMatrix(data[r.id], field) }));
  const scale = fixed ? FIXED_LOG_SCALE : sharedLogScale(maps.map((m) => m.matrix));
  return { scale, ticks: scaleTicks(scale), colors: HEAT_COLORS, maps };
}
