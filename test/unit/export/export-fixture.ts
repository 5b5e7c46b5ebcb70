/** A small store for export tests: two runs with awkward names, negative numbers and probe gaps. */
import { openStore, type RunStore } from '../../../src/store/run-store.ts';
import type { EpochRecord } from '../../../src/domain/records.ts';
import { BACKEND, makeEpoch, makeSpec } from '../store/fixtures/records.ts';

export const NASTY_NAME = '=HYPERLINK("http://x"), with "quotes"\nand a newline';
export const EXPERIMENT_NAME = '@sweep, λ';

export interface ExportFixture {
  store: RunStore;
  /** run ids in the order exported */
  ids: string[];
  /** what was appended, per run id */
  written: Record<string, EpochRecord[]>;
}

export function exportFixture(): ExportFixture {
  let clock = Date.UTC(2025, 2, 3, 4, 5, 6);
  const store = openStore(':memory:', { now: () => clock });
  const experimentId = store.createExperiment({ name: EXPERIMENT_NAME });
  const runs = [
    { name: NASTY_NAME, tags: ['+t', 'plain'], experimentId, epochs: 3 },
    { name: '-minus', tags: [], experimentId: null, epochs: 2 },
  ];
  const ids: string[] = [];
  const written: Record<string, EpochRecord[]> = {};
  for (const r of runs) {
    const spec = makeSpec({ epochs: r.epochs });
    const id = store.createRun({ spec, name: r.name, tags: r.tags, notes: 'n', experimentId: r.experimentId });
    store.markRunning(id, BACKEND);
    written[id] = Array.from({ length: r.epochs }, (_, i) => makeEpoch(i + 1, { layers: 4 }));
    for (const rec of written[id]) store.appendEpoch(id, rec);
    clock += 12_500;
    store.finishRun(id, 'completed');
    ids.push(id);
  }
  return { store, ids, written };
}

/** Series one epoch contributes to the long CSV, counted from the record itself. */
export function seriesCount(rec: EpochRecord): number {
  const layerValues = rec.layers.reduce(
    (n, l) =>
      n +
      [
        l.gradL2,
        l.gradMeanAbs,
        l.gradStd,
        l.gradMaxAbs,
        l.gradSmallFrac,
        l.dzL2,
        l.dzStd,
        l.weightL2,
        l.updateRatio,
        l.actMean,
        l.actStd,
        l.actSaturation,
        l.gradRms,
        l.dzRms,
        l.gradZeroFrac,
        l.gradLog10P05,
        l.gradLog10P50,
        l.gradLog10P95,
        l.updateRatioEpoch,
        l.updateRms,
      ].filter((v) => v !== null).length,
    0,
  );
  return (
    2 +
    (rec.vanishingRatio === null ? 0 : 1) +
    healthCount(rec) +
    rec.metrics.length +
    Object.keys(rec.weights).length +
    layerValues +
    rec.taskGrads.length +
    rec.taskCosines.length
  );
}

/** health: its non-null numbers, the weakest layer's log10, and one cell per dead layer. */
function healthCount({ health: h }: EpochRecord): number {
  const numbers = [h.dzRatio, h.wRatio, h.alive, h.trunkLayers, h.decades, h.healthFrom];
  return numbers.filter((v) => v !== null).length + (h.weakestLog10 === null ? 0 : 1) + (h.deadLayers?.length ?? 0);
}
