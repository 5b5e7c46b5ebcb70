/**
 * he-depth — He et al. (2015): a deep ReLU MLP trains from the He init (Var(W) = 2/n keeps the signal's
 * variance through ReLU), while the Glorot init (≈ 1/n) and a smaller one halve it every layer: at
 * depth 30 their signal and gradient are ~10⁻⁹ of the He init's and the loss stays at chance, ln k.
 */
import type { SeedStat, StudyFinding, StudySize } from '../domain/studies.ts';
import { heatmapChart, lossChart } from './charts.ts';
import { finalMetric, firstProbed, log10, trunkOf } from './run-values.ts';
import { armOf, formatStat, groupArms, measureArms, seedList } from './seed-stats.ts';
import type { StoredRun, StudyDefinition } from './types.ts';
import { againstValue, finding } from './verdict.ts';

const INIT_ARMS: Record<string, string> = {
  he_normal: 'He init',
  glorot_uniform: 'Glorot init',
  standard: 'small-variance init',
};
const ARMS = Object.values(INIT_ARMS);
const armName = (r: StoredRun) => INIT_ARMS[r.spec.model.init] ?? r.spec.model.init;
const trainLoss = (r: StoredRun) => finalMetric(r, 'cls', 'train', 'loss');
/** chance level of the cls loss: ln of the number of classes */
const chanceOf = (runs: StoredRun[]) => {
  const r = runs[0];
  return r && r.spec.data.kind === 'shapes' ? Math.log(r.spec.data.shapes.length) : Math.log(10);
};

const SIZES: Record<StudySize, { image: number; train: number; width: number; epochs: number }> = {
  quick: { image: 16, train: 1024, width: 64, epochs: 5 },
  full: { image: 32, train: 4096, width: 128, epochs: 10 },
};

export const heDepth: StudyDefinition = {
  name: 'he-depth',
  version: 1,
  title: 'He init lets a depth-30 ReLU MLP train; Glorot and small inits stay at chance',
  question: 'Does a depth-30 ReLU MLP leave chance level from the He init, and stay there from the Glorot init?',
  expectation:
    'Depth-30 ReLU MLP, 5 epochs, 3 seeds: the He init reaches a train loss of about 0.9–1.0; the Glorot init and ' +
    'a small-variance init (U[−1/√n, 1/√n]) stay at chance, ln 3 ≈ 1.099.',
  citation:
    'He, Zhang, Ren & Sun (2015), Delving deep into rectifiers: surpassing human-level performance on ImageNet classification, ICCV',
  seeds: { quick: 3, full: 5 },
  experiments(size, seeds) {
    const s = SIZES[size];
    return [
      {
        name: `he-depth (${size})`,
        description: 'depth-30 ReLU MLP, He vs Glorot vs small-variance init, SGD with momentum',
        base: {
          data: { kind: 'shapes', imageSize: s.image, trainCount: s.train, valCount: 64 },
          model: { trunk: 'mlp', depth: 30, width: s.width, activation: 'relu' },
          tasks: [{ kind: 'cls' }],
          optimizer: { kind: 'momentum', learningRate: 0.01 },
          epochs: s.epochs,
          batchSize: 32,
          stats: { probeBatchSize: 32, probeEvery: s.epochs },
        },
        sweep: { 'model.init': Object.keys(INIT_ARMS), seed: seedList(seeds) },
      },
    ];
  },
  measure(runs) {
    const arms = groupArms(runs, armName, ARMS);
    const loss = measureArms(arms, trainLoss);
    const chance = chanceOf(runs);
    const layers = Math.max(0, ...runs.map((r) => trunkOf(firstProbed(r)).length));
    const expected = [0.95, chance, chance].map((value, i) => ({ arm: ARMS[i], value }));
    return {
      quantities: [
        { id: 'train-loss', label: 'cls train loss after the last epoch', unit: 'nats', arms: loss, expected },
      ],
      findings: findingsOf((arm) => armOf(loss, arm)?.stat, chance),
      charts: [
        lossChart(arms),
        heatmapChart(
          {
            id: 'dz-heatmap',
            title: 'log10 RMS dL/dz by trunk layer after the first epoch (one scale)',
            xLabel: 'layer',
            yLabel: 'arm',
            x: Array.from({ length: layers }, (_, i) => `trunk.${i + 1}`),
          },
          arms,
          (r) => trunkOf(firstProbed(r)).map((l) => log10(l.dzRms)),
        ),
      ],
    };
  },
};

function findingsOf(stat: (arm: string) => SeedStat | undefined, chance: number): StudyFinding[] {
  const below = (arm: string) => {
    const s = stat(arm);
    // signed so that leaving chance is positive
    return s ? { ...againstValue(s, chance), effect: chance - s.mean } : null;
  };
  const atChance = (arm: string) =>
    finding(
      {
        id: `${arm.split(' ')[0].toLowerCase()}-at-chance`,
        claim: `${arm}: the train loss stays at chance (within 0.03 of ln k = ${chance.toFixed(3)})`,
        measured: `train loss ${formatStat(stat(arm), 3)}`,
        min: 0.03,
        kind: 'none',
      },
      below(arm),
    );
  return [
    finding(
      {
        id: 'he-leaves-chance',
        claim: `He init: the train loss falls below chance (ln k = ${chance.toFixed(3)}) by ≥ 0.05`,
        measured: `train loss ${formatStat(stat(ARMS[0]), 3)}`,
        min: 0.05,
      },
      below(ARMS[0]),
    ),
    atChance(ARMS[1]),
    atChance(ARMS[2]),
  ];
}
