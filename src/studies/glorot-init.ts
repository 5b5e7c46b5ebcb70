/**
 * glorot-init — Glorot & Bengio (2010): with the standard init W ~ U[−1/√n, 1/√n] the back-propagated
 * signal dL/dz shrinks on its way to the input; the normalised init keeps its variance.
 * Theory for tanh near 0 (f′ ≈ 1): Var(W)·n = 1/3 per layer, so RMS dz shrinks by log10 √3 ≈ 0.239
 * decades per layer; sigmoid adds f′(0) = 1/4 (0.602 decades) to both inits.
 */
import type { SeedStat, StudyChart, StudyFinding, StudySize } from '../domain/studies.ts';
import { heatmapChart, lineChart, lossChart, withFit } from './charts.ts';
import { firstProbed, log10, slope, trunkOf } from './run-values.ts';
import { type Arm, armOf, formatStat, groupArms, measureArms, seedList } from './seed-stats.ts';
import type { StoredRun, StudyDefinition } from './types.ts';
import { againstValue, difference, finding } from './verdict.ts';

export const TANH_STANDARD_THEORY = Math.log10(Math.sqrt(3));

const initName = (init: string) => (init === 'standard' ? 'standard' : 'normalised');
const armName = (r: StoredRun) => `${r.spec.model.activation} · ${initName(r.spec.model.init)} init`;
const ARMS = ['tanh · standard init', 'tanh · normalised init', 'sigmoid · standard init', 'sigmoid · normalised init'];

/** log10 RMS of dL/dz per trunk layer, first to last, at the first probed epoch. */
const dzProfile = (r: StoredRun) => trunkOf(firstProbed(r)).map((l) => log10(l.dzRms));
/** decades per layer dL/dz loses on its way back to the input (slope of the profile) */
export const dzDecay = (r: StoredRun) => slope(dzProfile(r));

const SIZES: Record<StudySize, { image: number; train: number; width: number }> = {
  quick: { image: 16, train: 256, width: 64 },
  full: { image: 32, train: 2048, width: 256 },
};

export const glorotInit: StudyDefinition = {
  name: 'glorot-init',
  version: 1,
  title: 'Standard vs normalised init: how fast dL/dz vanishes with depth',
  question: 'Does the normalised (Glorot) init stop the back-propagated gradient from shrinking layer by layer?',
  expectation:
    'With the standard init dL/dz of a depth-8 tanh MLP shrinks toward the input by about 0.24 decades per layer ' +
    '(theory log10 √3 = 0.239), with the normalised init by about 0.06. With sigmoid both inits shrink it ' +
    '(about 0.85 vs 0.62 decades per layer), since σ′ ≤ 1/4.',
  citation:
    'Glorot & Bengio (2010), Understanding the difficulty of training deep feedforward neural networks, AISTATS',
  seeds: { quick: 3, full: 5 },
  experiments(size, seeds) {
    const s = SIZES[size];
    return [
      {
        name: `glorot-init (${size})`,
        description:
          'depth-8 MLP, tanh and sigmoid, standard vs normalised init; dL/dz probed after one epoch of SGD (lr 0.1)',
        base: {
          data: { kind: 'shapes', imageSize: s.image, trainCount: s.train, valCount: 64 },
          model: { trunk: 'mlp', depth: 8, width: s.width },
          tasks: [{ kind: 'cls' }],
          optimizer: { kind: 'sgd', learningRate: 0.1 },
          epochs: 1,
          batchSize: 32,
          stats: { probeBatchSize: 64 },
        },
        sweep: {
          'model.activation': ['tanh', 'sigmoid'],
          'model.init': ['standard', 'glorot_uniform'],
          seed: seedList(seeds),
        },
      },
    ];
  },
  measure(runs) {
    const arms = groupArms(runs, armName, ARMS);
    const decay = measureArms(arms, dzDecay);
    const expected = [TANH_STANDARD_THEORY, 0.06, 0.85, 0.62].map((value, i) => ({ arm: ARMS[i], value }));
    return {
      quantities: [
        {
          id: 'dz-decay',
          label: 'dL/dz decay toward the input (least-squares slope of log10 RMS dL/dz over trunk layers)',
          unit: 'decades/layer',
          arms: decay,
          expected,
        },
      ],
      findings: findingsOf((arm) => armOf(decay, arm)?.stat),
      charts: chartsOf(arms, runs),
    };
  },
};

function findingsOf(stat: (arm: string) => SeedStat | undefined): StudyFinding[] {
  const cmp = (a: string, b: string) => {
    const x = stat(a);
    const y = stat(b);
    return x && y ? difference(x, y) : null;
  };
  const [tanhStd, tanhNorm, sigStd, sigNorm] = ARMS.map(stat);
  const vs = (a: SeedStat | undefined, b: SeedStat | undefined) =>
    `${formatStat(a, 3)} vs ${formatStat(b, 3)} decades/layer`;
  return [
    finding(
      {
        id: 'tanh-standard-theory',
        claim: 'tanh, standard init: dL/dz shrinks by the theory’s 0.239 decades/layer (within 0.05)',
        measured: `${formatStat(tanhStd, 3)} decades/layer`,
        min: 0.05,
        kind: 'none',
      },
      tanhStd ? againstValue(tanhStd, TANH_STANDARD_THEORY) : null,
    ),
    finding(
      {
        id: 'tanh-normalised-less',
        claim: 'tanh: the normalised init shrinks dL/dz less than the standard init (by ≥ 0.1 decades/layer)',
        measured: vs(tanhNorm, tanhStd),
        min: 0.1,
      },
      cmp(ARMS[0], ARMS[1]),
    ),
    finding(
      {
        id: 'sigmoid-both-shrink',
        claim: 'sigmoid: even the normalised init shrinks dL/dz (by ≥ 0.3 decades/layer)',
        measured: `${formatStat(sigNorm, 3)} decades/layer`,
        min: 0.3,
      },
      sigNorm ? againstValue(sigNorm, 0) : null,
    ),
    finding(
      {
        id: 'sigmoid-standard-more',
        claim: 'sigmoid: the standard init shrinks dL/dz more than the normalised init (by ≥ 0.1 decades/layer)',
        measured: vs(sigStd, sigNorm),
        min: 0.1,
      },
      cmp(ARMS[2], ARMS[3]),
    ),
  ];
}

function chartsOf(arms: Arm[], runs: StoredRun[]): StudyChart[] {
  const layers = Math.max(0, ...runs.map((r) => dzProfile(r).length));
  const x = Array.from({ length: layers }, (_, i) => `trunk.${i + 1}`);
  const profile = { xLabel: 'layer', x };
  return [
    heatmapChart(
      { id: 'dz-heatmap', title: 'log10 RMS dL/dz by trunk layer (one scale)', yLabel: 'arm', ...profile },
      arms,
      dzProfile,
    ),
    withFit(
      lineChart(
        {
          id: 'dz-decay-fit',
          title: 'log10 RMS dL/dz by trunk layer, with least-squares fits (slope = decay)',
          yLabel: 'log10 RMS dL/dz',
          ...profile,
        },
        arms,
        dzProfile,
      ),
    ),
    lossChart(arms),
  ];
}
