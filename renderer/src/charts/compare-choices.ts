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
  | { kind: 'layer'; layer: string; field: LayerField }
  /** the weight of one loss term in force at the end of each epoch */
  | { kind: 'weight'; term: string }
  /** ‖∇ of one task's loss‖ on the shared trunk (probe epochs) */
  | { kind: 'taskGrad'; task: string }
  /** cosine between two tasks' trunk gradients (probe epochs; negative = conflict) */
  | { kind: 'cosine'; a: string; b: string }
  /** one number of the gradient-health summary */
  | { kind: 'health'; field: HealthField };

export type HealthField = 'dzRatio' | 'wRatio' | 'weakestLog10' | 'alive';
/** The health summary's numbers the overlay offers, with the axis each reads on. */
export const HEALTH_FIELDS: Array<{ field: HealthField; label: string; yName: string }> = [
  { field: 'dzRatio', label: 'log10 RMS dL/dz first/last trunk layer', yName: 'log10' },
  { field: 'wRatio', label: 'log10 RMS dL/dW first/last trunk layer', yName: 'log10' },
  { field: 'weakestLog10', label: 'weakest trunk layer, log10 of the strongest', yName: 'log10' },
  { field: 'alive', label: 'alive trunk layers', yName: 'layers' },
];

export interface Choices {
  /** task → metric names, over every run */
  metrics: Record<string, string[]>;
  /** layer names in first-seen order over every run */
  layers: string[];
  /** loss-term ids with a weight, first-seen order */
  weights: string[];
  /** tasks with a trunk gradient norm */
  taskGrads: string[];
  /** task pairs with a gradient cosine */
  cosines: Array<{ a: string; b: string }>;
  /** whether any run has a health summary */
  health: boolean;
}

const pushNew = (list: string[], v: string) => void (list.includes(v) || list.push(v));

/** What the series picker offers: the union of every run's tasks, metrics and layers. */
export function seriesChoices(data: Record<string, CompareData>): Choices {
  const metrics: Record<string, string[]> = {};
  const layers = new Set<string>();
  const c = { weights: [] as string[], taskGrads: [] as string[], cosines: [] as string[], health: false };
  for (const d of Object.values(data)) {
    for (const m of d.metrics) if (!(metrics[m.task] ??= []).includes(m.name)) metrics[m.task].push(m.name);
    for (const l of d.layers) layers.add(l);
    for (const w of d.weights) pushNew(c.weights, w.name);
    for (const g of d.taskGrads) pushNew(c.taskGrads, g.name);
    for (const p of d.taskCosines) pushNew(c.cosines, `${p.a}\u0000${p.b}`);
    c.health ||= d.health.some((h) => h !== null);
  }
  const cosines = c.cosines.map((k) => k.split('\u0000')).map(([a, b]) => ({ a, b }));
  return { metrics, layers: [...layers], weights: c.weights, taskGrads: c.taskGrads, cosines, health: c.health };
}

/** Whether `d` has the series `c` names (a layer statistic not fetched yet still counts: it is on its way). */
export function runHas(d: CompareData, c: SeriesChoice): boolean {
  if (c.kind === 'vanishing') return true;
  if (c.kind === 'metric') return d.metrics.some((m) => m.task === c.task && m.name === c.name && m.split === c.split);
  if (c.kind === 'layer') return d.layers.includes(c.layer);
  if (c.kind === 'weight') return d.weights.some((w) => w.name === c.term);
  if (c.kind === 'taskGrad') return d.taskGrads.some((g) => g.name === c.task);
  if (c.kind === 'cosine') return d.taskCosines.some((p) => p.a === c.a && p.b === c.b);
  return d.health.some((h) => h !== null && h[c.field] !== null);
}

/**
 * The choice to keep once the runs change: `c` when at least one run has it, else the vanishing
 * ratio, which every run has — never a title over an empty chart.
 */
export function keepOrReset(c: SeriesChoice, data: Record<string, CompareData>): SeriesChoice {
  const runs = Object.values(data);
  return !runs.length || runs.some((d) => runHas(d, c)) ? c : { kind: 'vanishing' };
}

/** Why a run draws no line for `c`, in the words the overlay shows under the chart. */
export function missingText(c: SeriesChoice): string {
  if (c.kind === 'layer') return `n/a: no ${c.layer} in this run`;
  if (c.kind === 'metric') return `n/a: no ${c.task} ${c.name} (${c.split}) in this run`;
  if (c.kind === 'weight') return `n/a: no loss term ${c.term} in this run`;
  if (c.kind === 'taskGrad') return `n/a: no ${c.task} task in this run`;
  if (c.kind === 'cosine') return `n/a: no ${c.a}–${c.b} pair of tasks in this run`;
  if (c.kind === 'health') return 'n/a: no gradient health stored for this run';
  return 'n/a';
}

/** One note per loaded run that lacks the chosen series (run index, for its colour, and the text). */
export function missingNotes(
  ids: readonly string[],
  data: Record<string, CompareData>,
  c: SeriesChoice,
): Array<{ index: number; text: string }> {
  return ids.flatMap((id, index) => {
    const d = data[id];
    return d && !runHas(d, c) ? [{ index, text: missingText(c) }] : [];
  });
}
