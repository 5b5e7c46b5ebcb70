/**
 * Synthetic studies for the Studies view and report tests: the glorot-init study as
 * `studies.list` describes it, and a finished quick run of it with numbers close to the issue's
 * (tanh standard init 0.24 decades/layer vs normalised 0.06; sigmoid 0.85 vs 0.62).
 */
import type { StudyInfo, StudyResult, StudyRunSummary } from '../../src/domain/studies.ts';

const experiment = (name: string, activation: string, epochs: number) => ({
  name,
  description: `${activation} MLP, depth 8, standard vs normalised init`,
  base: {
    data: { kind: 'shapes', imageSize: 16, trainCount: 512, valCount: 128 },
    model: { trunk: 'mlp', depth: 8, width: 64, activation },
    tasks: [{ kind: 'cls', primary: true }],
    optimizer: { kind: 'sgd', learningRate: 0.1 },
    epochs,
  },
  sweep: { 'model.init': ['standard', 'glorot_uniform'], seed: [1, 2, 3] },
});

export const glorotInfo: StudyInfo = {
  name: 'glorot-init',
  version: 1,
  title: 'Glorot & Bengio: initialisation and dL/dz decay',
  question: 'Does normalised initialisation keep back-propagated gradients from shrinking toward the input?',
  expectation: 'tanh, depth 8: standard init shrinks dL/dz by about 0.24 decades per layer, normalised by about 0.06.',
  citation:
    'Glorot & Bengio (2010), Understanding the difficulty of training deep feedforward neural networks, AISTATS',
  rule: 'reproduced when the difference of mean decay exceeds twice the largest seed standard deviation',
  sizes: {
    quick: { runs: 12, seeds: 3, epochs: 2, estimateSeconds: 95 },
    full: { runs: 20, seeds: 5, epochs: 10, estimateSeconds: null },
  },
  experiments: {
    quick: [experiment('glorot-init tanh', 'tanh', 2), experiment('glorot-init sigmoid', 'sigmoid', 2)],
    full: [experiment('glorot-init tanh', 'tanh', 10), experiment('glorot-init sigmoid', 'sigmoid', 10)],
  },
};

export const heInfo: StudyInfo = {
  ...glorotInfo,
  name: 'he-depth',
  title: 'He et al.: a depth-30 ReLU network leaves chance only with He init',
  question: 'Does He initialisation let a depth-30 ReLU MLP train where Xavier does not?',
  expectation: 'He init reaches train loss 0.9–1.0 after 5 epochs; Xavier and small-variance stay at ln 3 ≈ 1.099.',
  citation: 'He, Zhang, Ren & Sun (2015), Delving deep into rectifiers, ICCV',
};

const stat = (values: number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, values.length - 1));
  return { values, mean, std, min: Math.min(...values), max: Math.max(...values) };
};
const runIds = (arm: number) => [0, 1, 2].map((s) => `run-${arm}-${s}-0000-0000-000000000000`);

export const glorotSummary: StudyRunSummary = {
  id: 'study-run-0001',
  study: 'glorot-init',
  version: 1,
  size: 'quick',
  seeds: 3,
  overrides: {},
  experimentIds: ['exp-tanh', 'exp-sigmoid'],
  runIds: [0, 1, 2, 3].flatMap(runIds),
  status: 'done',
  progress: { done: 12, total: 12 },
  createdAt: '2026-11-29T16:00:00.000Z',
  finishedAt: '2026-11-29T16:01:40.000Z',
};

const arms = ['tanh · standard init', 'tanh · normalised init', 'sigmoid · standard init', 'sigmoid · normalised init'];
const decay = [
  [0.235, 0.242, 0.247],
  [0.055, 0.062, 0.064],
  [0.84, 0.85, 0.87],
  [0.6, 0.62, 0.63],
];
const layers = ['trunk.0', 'trunk.1', 'trunk.2', 'trunk.3', 'trunk.4', 'trunk.5', 'trunk.6', 'trunk.7'];

export const glorotResult: StudyResult = {
  ...glorotSummary,
  info: glorotInfo,
  quantities: [
    {
      id: 'dz-decay',
      label: 'dL/dz decay toward the input',
      unit: 'decades/layer',
      arms: arms.map((arm, i) => ({ arm, stat: stat(decay[i]), runIds: runIds(i) })),
      expected: [
        { arm: 'tanh · standard init', value: 0.239 },
        { arm: 'tanh · normalised init', value: 0.06 },
      ],
    },
  ],
  findings: [
    {
      id: 'tanh-normalised',
      claim: 'normalised init shrinks dL/dz less than standard init (tanh)',
      measured: '0.060 ± 0.005 vs 0.241 ± 0.006 decades/layer',
      effect: 0.181,
      spread: 0.006,
      verdict: 'reproduced',
    },
    {
      id: 'sigmoid-both-shrink',
      claim: 'with sigmoid both inits shrink dL/dz (sigmoid & <script>)',
      measured: '0.85 ± 0.015 vs 0.62 ± 0.015 decades/layer',
      effect: 0.23,
      spread: 0.015,
      verdict: 'inconclusive',
    },
  ],
  verdict: 'reproduced',
  charts: [
    {
      id: 'decay-bars',
      title: 'dL/dz decay per arm',
      kind: 'bar',
      xLabel: 'arm',
      yLabel: 'decades/layer',
      x: arms,
      series: [
        {
          name: 'mean over seeds',
          y: decay.map((d) => stat(d).mean),
          low: decay.map((d) => Math.min(...d)),
          high: decay.map((d) => Math.max(...d)),
        },
      ],
    },
    {
      id: 'dz-profile',
      title: 'RMS dL/dz per layer (tanh)',
      kind: 'line',
      xLabel: 'layer',
      yLabel: 'RMS dL/dz',
      logY: true,
      x: layers,
      series: [0.241, 0.06].map((d, i) => ({
        name: arms[i],
        y: layers.map((_, l) => 10 ** (-3 - d * (7 - l))),
        low: layers.map((_, l) => 10 ** (-3.1 - d * (7 - l))),
        high: layers.map((_, l) => 10 ** (-2.9 - d * (7 - l))),
      })),
    },
    {
      id: 'dz-heat',
      title: 'log10 RMS dL/dz, layer × arm',
      kind: 'heatmap',
      xLabel: 'layer',
      yLabel: 'arm',
      x: layers,
      series: [],
      heatmap: {
        rows: arms,
        values: decay.map((d) => layers.map((_, l) => -3 - stat(d).mean * (7 - l))),
        min: -9,
        max: -3,
      },
    },
  ],
  backend: { name: 'wasm', detail: 'wasm (simd, 1 thread)', skipped: [], parityMaxAbsDiff: 1e-6 },
  appVersion: '0.1.0',
};

/** The same study while it runs: 5 of 12 runs done, nothing decided yet. */
export const glorotRunning: StudyResult = {
  ...glorotResult,
  status: 'running',
  progress: { done: 5, total: 12 },
  finishedAt: null,
  findings: [],
  verdict: null,
};
