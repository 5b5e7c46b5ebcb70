/**
 * deep-supervision — Lee et al. (2015): an auxiliary head on an intermediate layer sends gradient
 * straight into the layers below it. In a depth-10 sigmoid MLP (standard init) dL/dW of the first
 * layer gains about as many decades as the vanishing between the top and the attachment cost, and
 * the layers above the attachment gain nothing.
 */
import type { ArmMeasure, StudyChart, StudyFinding, StudySize } from '../domain/studies.ts';
import { heatmapChart, lossChart } from './charts.ts';
import { meanOf, pairedGains } from './paired.ts';
import { firstProbed, log10, trunkOf } from './run-values.ts';
import { type Arm, formatStat, groupArms, seedList, seedStat } from './seed-stats.ts';
import type { StoredRun, StudyDefinition } from './types.ts';
import { againstValue, finding } from './verdict.ts';

const ATTACH = [2, 5, 9];
const NO_AUX = 'no aux';
const auxLayer = (r: StoredRun) => r.spec.tasks.find((t) => t.aux)?.aux?.layer ?? null;
const armName = (r: StoredRun) => (auxLayer(r) === null ? NO_AUX : `aux @ layer ${auxLayer(r)}`);
/** log10 ‖dL/dW‖ per trunk layer after the first epoch */
const gradProfile = (r: StoredRun) => trunkOf(firstProbed(r)).map((l) => log10(l.gradL2));
const attachmentOf = (arm: Arm) => (arm.runs[0] ? auxLayer(arm.runs[0]) : null);

const SIZES: Record<StudySize, { image: number; train: number; width: number; epochs: number }> = {
  quick: { image: 16, train: 256, width: 64, epochs: 1 },
  full: { image: 32, train: 2048, width: 128, epochs: 3 },
};

const measureOf = (arm: Arm, gains: number[][], pick: (g: number[]) => number): ArmMeasure => ({
  arm: arm.name,
  stat: seedStat(gains.map(pick)),
  runIds: arm.runs.map((r) => r.id),
});

export const deepSupervision: StudyDefinition = {
  name: 'deep-supervision',
  version: 1,
  title: 'An auxiliary head rescues the layers below it — and only those',
  question: 'How many decades of ‖dL/dW‖ does an aux head give each trunk layer of a vanishing sigmoid MLP?',
  expectation:
    'Depth-10 sigmoid MLP (standard init): an aux head at layer 2 raises trunk.1’s ‖dL/dW‖ by about 6 decades, at ' +
    'layer 5 by about 4, and only the layers at and below the attachment are rescued.',
  citation: 'Lee, Xie, Gallagher, Zhang & Tu (2015), Deeply-supervised nets, AISTATS',
  seeds: { quick: 3, full: 5 },
  experiments(size, seeds) {
    const s = SIZES[size];
    return [
      {
        name: `deep-supervision (${size})`,
        description: 'depth-10 sigmoid MLP, standard init, SGD; a cls aux head (weight 0.3) at layer none / 2 / 5 / 9',
        base: {
          data: { kind: 'shapes', imageSize: s.image, trainCount: s.train, valCount: 64 },
          model: { trunk: 'mlp', depth: 10, width: s.width, activation: 'sigmoid', init: 'standard' },
          optimizer: { kind: 'sgd', learningRate: 0.1 },
          epochs: s.epochs,
          batchSize: 32,
          stats: { probeBatchSize: 64 },
        },
        sweep: {
          tasks: [
            [{ kind: 'cls', primary: true }],
            ...ATTACH.map((layer) => [{ kind: 'cls', primary: true, aux: { layer, weight: 0.3 } }]),
          ],
          seed: seedList(seeds),
        },
      },
    ];
  },
  measure(runs) {
    const arms = groupArms(runs, armName, [NO_AUX, ...ATTACH.map(auxName)]);
    const ref = arms.find((a) => a.name === NO_AUX);
    const aux = arms.filter((a) => a !== ref);
    const gains = new Map(aux.map((a) => [a.name, ref ? pairedGains(a, ref, gradProfile) : []]));
    const first = aux.map((a) => measureOf(a, gains.get(a.name)!, (g) => g[0]));
    // the layers the aux head does not reach: above its attachment (none above the last layer)
    const above = aux
      .filter((a) => (attachmentOf(a) ?? 0) < Math.max(0, ...a.runs.map((r) => gradProfile(r).length)))
      .map((a) => measureOf(a, gains.get(a.name)!, (g) => meanOf(g.slice(attachmentOf(a) ?? g.length))));
    const expected = [
      { arm: auxName(2), value: 6 },
      { arm: auxName(5), value: 4 },
    ];
    return {
      quantities: [
        {
          id: 'gain-trunk1',
          label: 'gain of trunk.1’s ‖dL/dW‖ over no aux (same seed)',
          unit: 'decades',
          arms: first,
          expected,
        },
        { id: 'gain-above', label: 'mean gain of the layers above the attachment', unit: 'decades', arms: above },
      ],
      findings: [
        firstFinding(first, 2, 6),
        firstFinding(first, 5, 4),
        aboveFinding(above, gains, 2),
        aboveFinding(above, gains, 5),
      ],
      charts: chartsOf(runs, arms, aux, gains),
    };
  },
};

const auxName = (layer: number) => `aux @ layer ${layer}`;

function firstFinding(first: ArmMeasure[], layer: number, expected: number): StudyFinding {
  const m = first.find((x) => x.arm === auxName(layer));
  return finding(
    {
      id: `aux${layer}-raises-trunk1`,
      claim: `an aux head at layer ${layer} raises trunk.1’s ‖dL/dW‖ by ≥ 1 decade (paper: ≈ ${expected})`,
      measured: `${formatStat(m?.stat)} decades over no aux`,
      min: 1,
    },
    m ? againstValue(m.stat, 0) : null,
  );
}

/** trunk layers whose mean gain over seeds is at least one decade */
function rescued(gains: number[][]): string[] {
  const layers = Math.max(0, ...gains.map((x) => x.length));
  return Array.from({ length: layers }, (_, i) => i)
    .filter((i) => meanOf(gains.map((x) => x[i])) >= 1)
    .map((i) => `trunk.${i + 1}`);
}

function aboveFinding(above: ArmMeasure[], gains: Map<string, number[][]>, layer: number): StudyFinding {
  const m = above.find((x) => x.arm === auxName(layer));
  const g = gains.get(auxName(layer));
  return finding(
    {
      id: `aux${layer}-only-below`,
      claim: `an aux head at layer ${layer} leaves the layers above it unchanged (mean gain within 0.5 decade)`,
      measured:
        `${formatStat(m?.stat)} decades above layer ${layer}; ` +
        `rescued (≥ 1 decade): ${g ? rescued(g).join(', ') || 'none' : '—'}`,
      min: 0.5,
      kind: 'none',
    },
    m ? againstValue(m.stat, 0) : null,
  );
}

function chartsOf(runs: StoredRun[], arms: Arm[], aux: Arm[], gains: Map<string, number[][]>): StudyChart[] {
  const layers = Math.max(0, ...runs.map((r) => gradProfile(r).length));
  const x = Array.from({ length: layers }, (_, i) => `trunk.${i + 1}`);
  const gainOf = (r: StoredRun) => {
    const arm = aux.find((a) => a.runs.includes(r))!;
    return gains.get(arm.name)![arm.runs.indexOf(r)];
  };
  return [
    heatmapChart(
      {
        id: 'gain-heatmap',
        title: 'gain of ‖dL/dW‖ over no aux, by trunk layer (decades, one scale)',
        xLabel: 'layer',
        yLabel: 'arm',
        x,
      },
      aux,
      gainOf,
    ),
    heatmapChart(
      { id: 'grad-heatmap', title: 'log10 ‖dL/dW‖ by trunk layer (one scale)', xLabel: 'layer', yLabel: 'arm', x },
      arms,
      gradProfile,
    ),
    lossChart(arms),
  ];
}
