/**
 * What Compare's overlay can draw for the runs loaded: the choices on offer, whether a choice still
 * fits the runs, and the one to fall back to when the run set changes under a stale choice.
 */
import type { CompareData } from '@core/api/contract.ts';
import type { Split } from '@core/domain/run-status.ts';
import type { LayerField } from './series.ts';

export type SeriesChoice =
  | { kind: 'vanishing' }
  | { kind: 'metric'; task: string; name: string; split: Split }
  | { kind: 'layer'; layer: string; field: LayerField };

export interface Choices {
  /** task → metric names, over every run */
  metrics: Record<string, string[]>;
  /** layer names in first-seen order over every run */
  layers: string[];
}

/** What the series picker offers: the union of every run's tasks, metrics and layers. */
export function seriesChoices(data: Record<string, CompareData>): Choices {
  const metrics: Record<string, string[]> = {};
  const layers = new Set<string>();
  for (const d of Object.values(data)) {
    for (const m of d.metrics) if (!(metrics[m.task] ??= []).includes(m.name)) metrics[m.task].push(m.name);
    for (const l of d.layers) layers.add(l);
  }
  return { metrics, layers: [...layers] };
}

/** Whether `d` has the series `c` names (a layer statistic not fetched yet still counts: it is on its way). */
export function runHas(d: CompareData, c: SeriesChoice): boolean {
  if (c.kind === 'vanishing') return true;
  if (c.kind === 'metric') return d.metrics.some((m) => m.task === c.task && m.name === c.name && m.split === c.split);
  return d.layers.includes(c.layer);
}

/**
 * The choice to keep once the runs change: `c` when at least one run has it, else the vanishing
 * ratio, which every run has — never a title over an empty chart.
 */
export function keepOrReset(c: SeriesChoice, data: Record<string, CompareData>): SeriesChoice {
  const runs = Object.values(data);
  return !runs.length || runs.some((d) => runHas(d, c)) ? c : { kind: 'vanishing' };
}
