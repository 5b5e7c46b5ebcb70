/**
 * weighting-conflict — three tasks on the seed CNN under six weighting methods. The task gradients
 * on the shared trunk conflict (negative cosine, Yu et al. 2020), yet a careful comparison finds no
 * method clearly better than fixed weights on the primary task (Xin et al. 2022). Measures the
 * task-gradient cosine, the early layer's gradient, and each task's final metric.
 */
import type { SeedStat, StudyFinding, StudySize } from '../domain/studies.ts';
import { lineChart, lossChart } from './charts.ts';
import { finalMetric, lastEpoch, log10, minCosine, trunkOf } from './run-values.ts';
import { armOf, formatStat, groupArms, measureArms, seedList, standardError } from './seed-stats.ts';
import type { StoredRun, StudyDefinition } from './types.ts';
import { againstValue, difference, finding, NOISE_FACTOR } from './verdict.ts';

const METHODS = ['fixed', 'uncertainty', 'dwa', 'gradnorm', 'pcgrad', 'mgda'];
const armName = (r: StoredRun) => r.spec.weighting.method;
const accuracy = (r: StoredRun) => finalMetric(r, 'cls', 'val', 'accuracy');

const SIZES: Record<StudySize, { image: number; train: number; epochs: number }> = {
  quick: { image: 16, train: 512, epochs: 3 },
  full: { image: 32, train: 2048, epochs: 10 },
};

export const weightingConflict: StudyDefinition = {
  name: 'weighting-conflict',
  version: 1,
  title: 'Task conflict and six loss-weighting methods on the seed CNN',
  question: 'Do the tasks’ gradients conflict, and does any weighting method beat fixed weights on classification?',
  expectation:
    'Task gradients on a shared trunk conflict (some pair has a negative cosine); no weighting method changes the ' +
    'primary task’s final accuracy by more than a few points over fixed weights once seeds are accounted for.',
  citation:
    'Yu et al. (2020), Gradient surgery for multi-task learning, NeurIPS; Xin, Ghorbani, Gilmer, Garg & Firat (2022), ' +
    'Do current multi-task optimization methods in deep learning even help?, NeurIPS',
  seeds: { quick: 2, full: 3 },
  experiments(size, seeds) {
    const s = SIZES[size];
    return [
      {
        name: `weighting-conflict (${size})`,
        description: 'seed CNN with cls + seg + recon under fixed, uncertainty, DWA, GradNorm, PCGrad and MGDA',
        base: {
          data: { kind: 'shapes', imageSize: s.image, trainCount: s.train, valCount: 64 },
          model: { trunk: 'cnn', depth: 2, width: 16, downsampleEvery: 2, denseUnits: 128, activation: 'relu' },
          tasks: [{ kind: 'cls', primary: true }, { kind: 'seg' }, { kind: 'recon' }],
          optimizer: { kind: 'adam', learningRate: 0.001 },
          epochs: s.epochs,
          batchSize: 32,
          stats: { probeBatchSize: 32 },
        },
        sweep: { 'weighting.method': METHODS, seed: seedList(seeds) },
      },
    ];
  },
  measure(runs) {
    const arms = groupArms(runs, armName, METHODS);
    const cosine = measureArms(arms, (r) => minCosine(lastEpoch(r)));
    const early = measureArms(arms, (r) => log10(trunkOf(lastEpoch(r))[0]?.gradRms));
    const acc = measureArms(arms, accuracy);
    const iou = measureArms(arms, (r) => finalMetric(r, 'seg', 'val', 'iou'));
    const mse = measureArms(arms, (r) => finalMetric(r, 'recon', 'val', 'mse'));
    const fixed = armOf(acc, 'fixed')?.stat;
    const allCos = measureArms([{ name: 'all', runs }], (r) => minCosine(lastEpoch(r)))[0].stat;
    const findings: StudyFinding[] = [
      finding(
        {
          id: 'tasks-conflict',
          claim: 'some pair of task gradients conflicts on the trunk at the last epoch (min cosine < 0 by ≥ 0.02)',
          measured: `min cosine ${formatStat(allCos, 3)} over every run`,
          min: 0.02,
        },
        // signed so that conflict is positive
        { ...againstValue(allCos, 0), effect: -allCos.mean },
      ),
      ...METHODS.filter((m) => m !== 'fixed').map((m) => versusFixed(m, armOf(acc, m)?.stat, fixed, chanceOf(runs))),
    ];
    const epochs = Math.max(0, ...runs.map((r) => r.epochs.length));
    return {
      quantities: [
        { id: 'min-cosine', label: 'smallest task-gradient cosine, last epoch', unit: 'cosine', arms: cosine },
        { id: 'trunk1-grad', label: 'log10 RMS dL/dW of trunk.1, last epoch', unit: 'decades', arms: early },
        { id: 'cls-accuracy', label: 'cls validation accuracy, last epoch', unit: 'share', arms: acc },
        { id: 'seg-iou', label: 'seg validation IoU, last epoch', unit: 'share', arms: iou },
        { id: 'recon-mse', label: 'recon validation MSE, last epoch', unit: 'MSE', arms: mse },
      ],
      findings,
      charts: [
        lineChart(
          {
            id: 'min-cosine',
            title: 'smallest task-gradient cosine by epoch',
            xLabel: 'epoch',
            yLabel: 'cosine',
            x: Array.from({ length: epochs }, (_, i) => i + 1),
          },
          arms,
          (r) => r.epochs.map(minCosine),
        ),
        lossChart(arms),
      ],
    };
  },
};

/** chance accuracy of the cls task: one over the number of classes */
const chanceOf = (runs: StoredRun[]) => {
  const d = runs[0]?.spec.data;
  return d && d.kind === 'shapes' ? 1 / d.shapes.length : 0.1;
};

/**
 * A method's cls accuracy against fixed weights. Two methods that both failed to learn agree
 * trivially, so unless fixed weights clearly beat chance (by 0.1) the comparison is inconclusive.
 */
function versusFixed(method: string, s: SeedStat | undefined, fixed: SeedStat | undefined, chance: number) {
  const o = {
    id: `${method}-vs-fixed`,
    claim: `${method}: final cls accuracy within 0.05 of fixed weights`,
    measured: `${formatStat(s, 3)} vs ${formatStat(fixed, 3)}`,
    min: 0.05,
    kind: 'none' as const,
  };
  if (s && fixed && !(fixed.mean - NOISE_FACTOR * standardError(fixed) > chance + 0.1)) {
    const f = finding(o, null);
    return {
      ...f,
      measured: `${o.measured}; fixed weights did not learn cls (chance ${chance.toFixed(2)}): no comparison`,
    };
  }
  return finding(o, s && fixed ? difference(s, fixed) : null);
}
