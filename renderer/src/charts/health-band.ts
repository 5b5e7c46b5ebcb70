/**
 * The health band on the layer picture: log10 of each trunk layer's RMS of dL/dz over the strongest
 * trunk layer's, at the newest probed epoch, with the dead band (more than stats.healthDecades
 * decades below the strongest) shaded. Separate from the heatmap builders so it reads the same
 * numbers the health summary counts, from the same definition.
 */
import type { EpochRecord } from '@core/domain/records.ts';

export interface HealthProfile {
  epoch: number;
  layers: string[];
  /** log10(dzRms / max trunk dzRms), ≤ 0 */
  values: number[];
  decades: number;
}

/** The newest epoch whose trunk has dzRms (a probe epoch), relative to its strongest trunk layer. */
export function healthProfile(epochs: readonly EpochRecord[]): HealthProfile | null {
  for (let i = epochs.length - 1; i >= 0; i--) {
    const trunk = epochs[i].layers.filter((l) => l.trunk);
    if (!trunk.length || trunk.some((l) => l.dzRms === null)) continue;
    const max = Math.max(...trunk.map((l) => l.dzRms!));
    return {
      epoch: epochs[i].epoch,
      layers: trunk.map((l) => l.layer),
      values: trunk.map((l) => Math.log10(l.dzRms! / max)),
      decades: epochs[i].health.decades,
    };
  }
  return null;
}

export function healthBandOption(p: HealthProfile) {
  const finite = p.values.filter(Number.isFinite);
  const floor = Math.floor(Math.min(-p.decades - 1, ...finite));
  return {
    animation: false,
    backgroundColor: 'transparent',
    title: {
      text: `RMS of dL/dz per trunk layer over the strongest, epoch ${p.epoch} (log10)`,
      left: 8,
      top: 4,
      textStyle: { fontSize: 13, fontWeight: 600 },
    },
    // rich-text tooltips: no inline style, so they work under the strict CSP
    tooltip: { trigger: 'axis' as const, confine: true, renderMode: 'richText' as const },
    grid: { left: 56, right: 18, top: 40, bottom: 40 },
    xAxis: { type: 'category' as const, data: p.layers },
    yAxis: { type: 'value' as const, name: 'log10', min: floor, max: 0 },
    series: [
      {
        type: 'line' as const,
        name: 'log10 dz RMS / max',
        data: p.values.map((v) => (Number.isFinite(v) ? v : floor)),
        showSymbol: true,
        markLine: {
          symbol: 'none',
          silent: true,
          label: { formatter: `dead below −${p.decades} (stats.healthDecades)`, position: 'insideStartTop' as const },
          data: [{ yAxis: -p.decades }],
        },
        markArea: {
          silent: true,
          itemStyle: { color: 'rgba(220, 60, 60, 0.22)' },
          data: [[{ yAxis: floor }, { yAxis: -p.decades }]],
        },
      },
    ],
  };
}
