/**
 * Tooltip text of every chart, one module: numbers to 3 significant digits, the series colour,
 * name and epoch on their own lines. Tooltips render as ECharts rich text on the canvas
 * (`renderMode: 'richText'`): the HTML tooltip writes inline style attributes, which the strict
 * CSP (style-src 'self') refuses, so it logged an error on every hover. Pure and unit-tested.
 */

/** 3 significant digits; scientific below 1e-3 (and from 1e6); '—' for a missing value. */
export function sig3(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e6) return v.toExponential(2);
  return v.toPrecision(3);
}

/** A value in real units for a colour-bar tick at log10 `lv`: 1e-9, 3.16e-5, 0.01, 1, 10. */
export function decadeLabel(lv: number): string {
  if (Number.isInteger(lv)) return lv >= -3 && lv <= 3 ? String(10 ** lv) : `1e${lv}`;
  return sig3(10 ** lv);
}

/** The part of ECharts' formatter params the tooltips read. */
export interface TipParam {
  /** rich-text colour marker ECharts makes for the series ('{styleId|}') */
  marker?: string;
  seriesName?: string;
  value?: unknown;
  data?: unknown;
  axisValue?: unknown;
  axisValueLabel?: string;
}

const asArray = (p: TipParam | TipParam[]) => (Array.isArray(p) ? p : [p]);
const yOf = (p: TipParam): number | null => {
  const v = Array.isArray(p.value) ? p.value[1] : p.value;
  return typeof v === 'number' ? v : null;
};

/**
 * Axis tooltip of a line chart over epochs: 'epoch 3', then one line per series with a value:
 * marker, name, value. Series named in `skip` (the faint raw curves under smoothing) add their
 * value to the line of the series they belong to (`raw` suffix) instead of a line of their own.
 */
export function epochTooltip(params: TipParam | TipParam[], o: { xName?: string; rawSuffix?: string } = {}): string {
  const list = asArray(params);
  if (!list.length) return '';
  const x = list[0].axisValue ?? (Array.isArray(list[0].value) ? list[0].value[0] : '');
  const suffix = o.rawSuffix ?? ' (raw)';
  const raw = new Map<string, number | null>();
  for (const p of list) if (p.seriesName?.endsWith(suffix)) raw.set(p.seriesName.slice(0, -suffix.length), yOf(p));
  const lines = list
    .filter((p) => !p.seriesName?.endsWith(suffix) && yOf(p) !== null)
    .map((p) => {
      const r = raw.get(p.seriesName ?? '');
      const rawText = r === undefined || r === null ? '' : `  (raw ${sig3(r)})`;
      return `${p.marker ?? ''}${p.seriesName ?? ''}:  ${sig3(yOf(p))}${rawText}`;
    });
  return [`${o.xName ?? 'epoch'} ${String(x)}`, ...lines].join('\n');
}

/**
 * Item tooltip of a layer × epoch heatmap whose data items are [x, y, log10 value, raw value]:
 * the layer, the epoch, log10 and the raw value, each labelled — never glued together.
 */
export function heatTooltip(o: { layers: readonly string[]; epochs: readonly number[]; valueName: string }) {
  return (p: TipParam): string => {
    const d = (Array.isArray(p.data) ? p.data : Array.isArray(p.value) ? p.value : []) as unknown[];
    const [x, y, lv, raw] = d as [number, number, number | null, number | null];
    const layer = o.layers[y] ?? '?';
    const epoch = o.epochs[x] ?? '?';
    const log = typeof lv === 'number' ? lv.toFixed(2) : '—';
    return [
      `${p.marker ?? ''}${layer}`,
      `epoch ${epoch}`,
      `log10 ${o.valueName}:  ${log}`,
      `${o.valueName}:  ${sig3(raw)}`,
    ].join('\n');
  };
}

/** Histogram bar: the bin centre and its count. */
export function binTooltip(params: TipParam | TipParam[]): string {
  const p = asArray(params)[0];
  if (!p) return '';
  return `${p.marker ?? ''}dL/dW ≈ ${p.axisValueLabel ?? String(p.axisValue ?? '')}\ncount:  ${String(p.value ?? '—')}`;
}

/**
 * Plain text of a rich-text tooltip ('{id|text}' → 'text'; ECharts' marker leaves two spaces),
 * for the screen-reader mirror.
 */
export const plainText = (rich: string): string => rich.replace(/\{[\w-]+\|([^}]*)\}/g, '$1').replace(/^ +/gm, '');

/** The tooltip block every chart uses: rich text on the canvas, kept inside the chart. */
export function richTooltip<F>(formatter: F, trigger: 'axis' | 'item' = 'axis') {
  return { trigger, confine: true, renderMode: 'richText' as const, formatter };
}
