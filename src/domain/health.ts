/**
 * The gradient-health summary of one epoch: size-free quantities on the back-propagated signal
 * (RMS of dL/dz per element, Glorot & Bengio's quantity), so a 144-weight conv and a 1M-weight
 * dense layer compare fairly. dL/dz already sums every loss term that reaches a layer (aux heads
 * included), so a layer an aux head rescues reads alive and the layers it does not reach read dead.
 * Pure and browser-safe: the trainer, the store (old runs) and the renderer share it.
 */

export interface GradientHealth {
  /** log10(dzRms of trunk.1 / dzRms of the last trunk layer); null without dz or with one trunk layer */
  dzRatio: number | null;
  /** log10(gradRms of trunk.1 / gradRms of the last trunk layer), on the epoch's last training batch */
  wRatio: number | null;
  /** the trunk layer with the smallest dzRms */
  weakestLayer: string | null;
  /** log10(its dzRms / the largest trunk dzRms), ≤ 0 */
  weakestLog10: number | null;
  /** trunk layers whose dzRms is more than `decades` decades below the largest trunk dzRms */
  deadLayers: string[] | null;
  /** trunk layers − dead ones; null without dz */
  alive: number | null;
  trunkLayers: number;
  /** the spec's stats.healthDecades this summary was computed with */
  decades: number;
  /** the epoch whose probe the dz-based fields come from (an earlier one on epochs without a probe) */
  healthFrom: number | null;
}

/** What health reads of a layer (a LayerStats satisfies it). */
export interface HealthLayer {
  layer: string;
  trunk: boolean;
  gradRms: number;
  dzRms: number | null;
}

/** The dz of an epoch's trunk, by layer name, and the epoch it was probed at. */
export interface DzSource {
  epoch: number;
  dzRms: Record<string, number>;
}

export const DEFAULT_HEALTH_DECADES = 3;

/** The dz of this epoch's layers, or null when it was not probed (no trunk layer has dz). */
export function dzSourceOf(epoch: number, layers: readonly HealthLayer[]): DzSource | null {
  const trunk = layers.filter((l) => l.trunk);
  if (trunk.length === 0 || trunk.some((l) => l.dzRms === null)) return null;
  return { epoch, dzRms: Object.fromEntries(trunk.map((l) => [l.layer, l.dzRms!])) };
}

/**
 * @param layers the epoch's layers in index order (trunk layers first to last)
 * @param dz     the newest probed dz of the trunk (this epoch's, or carried from an earlier one)
 */
export function gradientHealth(layers: readonly HealthLayer[], dz: DzSource | null, decades: number): GradientHealth {
  const trunk = layers.filter((l) => l.trunk);
  const n = trunk.length;
  const ratio = (a: number, b: number) => (n < 2 ? null : Math.log10(a / b));
  const base = {
    wRatio: n < 2 ? null : ratio(trunk[0].gradRms, trunk[n - 1].gradRms),
    trunkLayers: n,
    decades,
  };
  const values = dz ? trunk.map((l) => dz.dzRms[l.layer]) : [];
  if (!dz || n === 0 || values.some((v) => v === undefined))
    return {
      ...base,
      dzRatio: null,
      weakestLayer: null,
      weakestLog10: null,
      deadLayers: null,
      alive: null,
      healthFrom: null,
    };
  const max = Math.max(...values);
  let weakest = 0;
  values.forEach((v, i) => (v < values[weakest] ? (weakest = i) : 0));
  const below = (v: number) => Math.log10(v / max);
  // a NaN dz (diverged) is neither alive nor dead: it makes every comparison false, so it is not listed dead
  const deadLayers = trunk.filter((_, i) => below(values[i]) < -decades).map((l) => l.layer);
  return {
    ...base,
    dzRatio: ratio(values[0], values[n - 1]),
    weakestLayer: trunk[weakest].layer,
    weakestLog10: below(values[weakest]),
    deadLayers,
    alive: n - deadLayers.length,
    healthFrom: dz.epoch,
  };
}

/** One line for tables and headers, e.g. "alive 8/10 · weakest trunk.3 −4.2"; '—' without dz. */
export function healthSummaryText(h: GradientHealth | null | undefined): string {
  if (!h || h.alive === null) return '—';
  const weakest = h.weakestLog10 === null ? '' : ` · weakest ${h.weakestLayer} ${formatSigned(h.weakestLog10)}`;
  return `alive ${h.alive}/${h.trunkLayers}${weakest}`;
}

/**
 * The summary with its ratios and where the dz came from, e.g. "alive 8/10 · weakest trunk.3 −4.2 ·
 * log10 dz first/last −1.63 · log10 rms dL/dW first/last 0.17 · dz of epoch 4".
 */
export function healthDetailText(h: GradientHealth | null | undefined, epoch?: number): string {
  if (!h) return '—';
  const parts = [healthSummaryText(h)];
  if (h.deadLayers?.length) parts.push(`dead ${h.deadLayers.join(', ')}`);
  if (h.dzRatio !== null) parts.push(`log10 dz first/last ${formatSigned(h.dzRatio, 2)}`);
  if (h.wRatio !== null) parts.push(`log10 rms dL/dW first/last ${formatSigned(h.wRatio, 2)}`);
  if (h.healthFrom !== null && h.healthFrom !== epoch) parts.push(`dz of epoch ${h.healthFrom}`);
  return parts.join(' · ');
}

function formatSigned(v: number, digits = 1): string {
  const text = Number.isFinite(v) ? (Math.abs(v) < 0.5 * 10 ** -digits ? 0 : v).toFixed(digits) : String(v);
  return text.replace('-', '−');
}
