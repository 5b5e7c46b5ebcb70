/**
 * Write N synthetic runs (E epochs × L layers each) straight into a database through the
 * RunStore — no training — to measure History and Compare at scale.
 *
 *   npx tsx scripts/seed-runs.ts --db /tmp/seed.db --runs 10000 --epochs 2 --layers 6
 *   npx tsx scripts/seed-runs.ts --db /tmp/cmp.db --runs 20 --epochs 200 --layers 64
 *
 * L counts every trainable layer: L − 2 trunk layers, then a `cls` and a `seg` head. Values are
 * deterministic (seeded) and shaped like real ones: the gradient norm shrinks toward the first
 * layer at a per-run rate, so heatmaps and vanishing ratios differ between runs.
 */
import { parseArgs } from 'node:util';
import { parseSpec } from '../src/experiment/spec.ts';
import { openStore } from '../src/store/index.ts';
import type { BackendReport } from '../src/domain/backend.ts';
import type { EpochRecord, LayerStats } from '../src/domain/records.ts';
import type { RunStatus } from '../src/domain/run-status.ts';
import { dzSourceOf, gradientHealth } from '../src/domain/health.ts';

const { values: a } = parseArgs({
  options: {
    db: { type: 'string' },
    runs: { type: 'string', default: '100' },
    epochs: { type: 'string', default: '10' },
    layers: { type: 'string', default: '8' },
    bins: { type: 'string', default: '64' },
    seed: { type: 'string', default: '1' },
  },
});
if (!a.db) throw new Error('--db PATH is required');
const N = Number(a.runs);
const E = Number(a.epochs);
const L = Math.max(3, Number(a.layers));
const BINS = Number(a.bins);

let state = Number(a.seed) >>> 0 || 1;
/** xorshift32 in [0, 1) */
const rand = () => ((state ^= state << 13), (state ^= state >>> 17), (state ^= state << 5), (state >>> 0) / 2 ** 32);

const ACTS = ['sigmoid', 'tanh', 'relu', 'elu'] as const;
const TAGS = ['baseline', 'sweep', 'sigmoid', 'deep', 'aux', 'seed-cnn', 'probe', 'gpu'];
const BACKEND: BackendReport = {
  name: 'wasm',
  detail: 'wasm (SIMD, 1 thread)',
  skipped: [{ name: 'tensorflow-gpu', reason: 'libcudart.so.11.0 not found' }],
  parityMaxAbsDiff: 3e-7,
};

function layer(epoch: number, i: number, decay: number): LayerStats {
  const head = i >= L - 2;
  const grad =
    (0.5 * Math.pow(10, (-decay * (L - 3 - Math.min(i, L - 3))) / Math.max(1, L - 3)) * (0.8 + 0.4 * rand())) /
    Math.sqrt(epoch);
  return {
    layer: head ? `head.${i === L - 2 ? 'cls' : 'seg'}` : `trunk.${i + 1}`,
    index: i,
    kind: head ? 'head' : 'dense',
    trunk: !head,
    params: 4096,
    gradL2: grad,
    gradMeanAbs: grad / 64,
    gradStd: grad / 50,
    gradMaxAbs: grad / 4,
    gradSmallFrac: grad < 1e-6 ? 0.9 : 0.01,
    dzL2: grad * 2,
    dzStd: grad / 10,
    weightL2: 3 + i / 10 + epoch / 100,
    updateRatio: 1e-3 * grad,
    actMean: head ? null : 0.2 * rand(),
    actStd: head ? null : 0.5,
    actSaturation: head ? null : Math.min(1, decay / 8),
    gradRms: grad / 64,
    dzRms: (grad * 2) / 64,
    gradZeroFrac: grad < 1e-6 ? 0.5 : 0,
    gradLog10P05: Math.log10(grad / 64) - 1.5,
    gradLog10P50: Math.log10(grad / 64) - 0.5,
    gradLog10P95: Math.log10(grad / 64) + 0.3,
    updateRatioEpoch: 3e-3 * grad,
    updateRms: (1e-3 * grad) / 64,
    histogram: {
      min: -grad,
      max: grad,
      counts: Array.from({ length: BINS }, (_, b) =>
        Math.round(1000 * Math.exp(-(((b - BINS / 2) / (BINS / 6)) ** 2))),
      ),
    },
  };
}

function epochRecord(epoch: number, decay: number, skill: number): EpochRecord {
  const layers = Array.from({ length: L }, (_, i) => layer(epoch, i, decay));
  const progress = 1 - Math.exp(-epoch / (E / 3 + 1));
  return {
    epoch,
    durationMs: 800 + 400 * rand(),
    samplesPerSec: 2000 + 500 * rand(),
    metrics: [
      { task: 'cls', split: 'train', name: 'loss', value: 1.1 - 0.8 * skill * progress },
      { task: 'cls', split: 'val', name: 'loss', value: 1.15 - 0.75 * skill * progress },
      { task: 'cls', split: 'val', name: 'accuracy', value: 0.33 + 0.6 * skill * progress },
      { task: 'seg', split: 'train', name: 'loss', value: 0.7 - 0.4 * progress },
      { task: 'seg', split: 'val', name: 'iou', value: 0.2 + 0.5 * progress * (1 - skill / 3) },
    ],
    weights: { cls: 0.5, seg: 0.5 },
    layers,
    taskGrads: [
      { task: 'cls', norm: 0.1 / epoch },
      { task: 'seg', norm: 0.05 / epoch },
    ],
    taskCosines: [{ a: 'cls', b: 'seg', cosine: -0.3 + 0.6 * rand() }],
    vanishingRatio: layers[0].gradL2 / layers[L - 3].gradL2,
    health: gradientHealth(layers, dzSourceOf(epoch, layers), 3),
    probed: true,
    partial: false,
    divergence: null,
  };
}

let clock = Date.UTC(2025, 0, 1);
const store = openStore(a.db, { now: () => clock });
const t0 = performance.now();
const experimentId = store.createExperiment({
  name: `synthetic sweep (${N} runs)`,
  sweep: { 'model.activation': ACTS },
});
const writeRun = store.db.transaction((k: number) => {
  const act = ACTS[k % ACTS.length];
  const lambda = Math.round(rand() * 20) / 20;
  const spec = parseSpec({
    epochs: E,
    tasks: [{ kind: 'cls', primary: true }, { kind: 'seg' }],
    weighting: { method: 'fixed', lambda },
    model: { depth: L - 2, activation: act },
    stats: { histogramBins: BINS },
    seed: k,
  });
  const tags = [TAGS[k % TAGS.length], ...(k % 3 === 0 ? [TAGS[(k + 3) % TAGS.length]] : [])];
  const id = store.createRun({
    spec,
    name: `synthetic #${k + 1} · ${act} λ=${lambda}`,
    tags,
    notes: k % 5 === 0 ? 'seeded for the performance budget' : '',
    experimentId: k % 2 ? experimentId : null,
  });
  clock += 1000 + Math.floor(rand() * 60_000);
  store.markRunning(id, BACKEND);
  const decay = act === 'sigmoid' ? 6 : act === 'tanh' ? 3 : 1;
  for (let e = 1; e <= E; e++) store.appendEpoch(id, epochRecord(e, decay * (0.7 + 0.6 * rand()), 0.6 + 0.4 * rand()));
  clock += E * 1000 + Math.floor(rand() * 10_000);
  const status: RunStatus =
    k % 17 === 5 ? 'failed' : k % 23 === 7 ? 'diverged' : k % 29 === 3 ? 'cancelled' : 'completed';
  store.finishRun(
    id,
    status,
    status === 'failed' ? 'worker exited with code 1' : status === 'diverged' ? 'loss became NaN at epoch 2' : null,
  );
});
for (let k = 0; k < N; k++) {
  writeRun(k);
  if ((k + 1) % 1000 === 0) process.stderr.write(`${k + 1} runs\n`);
}
store.close();
console.log(
  `seeded ${N} runs × ${E} epochs × ${L} layers (${BINS} bins) into ${a.db} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
