/**
 * npm run bench: samples/s of the reference models on every backend that loads — for wasm with its
 * native tier (1 BLAS thread, then every core) and without it, in the same process — the statistics'
 * cost as a share of an epoch's step time, and PyTorch CPU's speed on the same models measured right
 * then (bench/pytorch-peer.py, when python3 has torch) as installed and at each row's thread count,
 * with both ratios; the peer's OpenBLAS runs the tier's kernel family, so the ratio is not a CPU
 * misdetection. One JSON line per case, then a table for a person. Numbers, never pass/fail.
 * The every-core row and the load average mean something only on a quiet machine.
 * BLAS threads: the app itself gives a run every core only while it trains alone (blas-threads.ts).
 *   --quick      fewer steps; skip the cpu backend's CNN (minutes per step)
 *   --backends=a,b   only these (default: every backend that loads)
 *   --profile    after each row's step time, its per-kernel breakdown (bench/profile.ts)
 *   --sweep      only time the λ-sweep example end to end through the CLI (bench/sweep.ts), with each
 *                run's seconds; --sweep-epochs=n shortens its runs
 */
import * as tf from '@tensorflow/tfjs-core';
import { availableParallelism, cpus, loadavg } from 'node:os';
import type { Dataset } from '../src/data/types.ts';
import type { Spec } from '../src/experiment/spec.ts';
import { blasDetail, loadBlas, setBlasEnabled, setBlasThreads } from '../src/train/backend/blas.ts';
import { AUTO_ORDER, type ConcreteBackend, selectBackend } from '../src/train/backend/select.ts';
import { batchRanges } from '../src/train/batches.ts';
import { cnnSpec, defaultSpec, mlpSpec, mnistShaped, shapes32 } from './models.ts';
import { measurePeer, type PeerResult } from './peer.ts';
import { profileStep } from './profile.ts';
import { type BenchRow, formatSummary, formatSweep, type PeerFigure, speedRatio } from './summary.ts';
import { timeSweep } from './sweep.ts';
import { timeSteps } from './time-steps.ts';
import { peerThreadCounts, type Variant, variantsFor } from './variants.ts';

tf.enableProdMode();
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
const sweepEpochs = args.find((a) => a.startsWith('--sweep-epochs='))?.slice(15);
const only = args
  .find((a) => a.startsWith('--backends='))
  ?.slice(11)
  .split(',') as ConcreteBackend[] | undefined;
const unknown = only?.filter((b) => !AUTO_ORDER.includes(b));
if (unknown?.length) {
  console.error(`--backends: unknown ${unknown.join(', ')} (known: ${AUTO_ORDER.join(', ')})`);
  process.exit(2);
}

const emit = (o: object) => console.log(JSON.stringify(o));
const load1 = () => +loadavg()[0].toFixed(2);

if (args.includes('--sweep')) {
  const sweep = timeSweep(sweepEpochs ? ['--epochs', sweepEpochs] : []);
  emit({ case: 'sweep', ...sweep });
  console.log(`\n${formatSweep(sweep)}`);
  process.exit(0);
}

const cores = availableParallelism();
const tier = loadBlas();
const backends = only ?? [...AUTO_ORDER];
const cases: Array<[string, Spec, Dataset]> = [
  ['defaults', defaultSpec, shapes32(2048)],
  ['mlp', mlpSpec, mnistShaped(2048)],
  ['cnn', cnnSpec, shapes32(2048)],
];
const loadAtStart = load1();
emit({
  case: 'machine',
  cpus: cpus()[0]?.model,
  cores,
  load1: loadAtStart,
  node: process.version,
  tfjs: tf.version_core,
});
emit(
  tier.ok
    ? { case: 'native-tier', available: true, detail: blasDetail() }
    : { case: 'native-tier', available: false, reason: tier.reason, next: tier.next },
);

/** PyTorch per model: as installed ('default') and at each thread count a row compares with. */
const peers = new Map<string, PeerResult>();
const peerKey = (model: string, threads: number | 'default') => `${model}@${threads}`;
const peerCounts = peerThreadCounts(backends.flatMap((b) => variantsFor(b, tier.ok, cores)));
for (const model of ['mlp', 'cnn'] as const) {
  for (const threads of ['default', ...peerCounts] as const) {
    const p = measurePeer({
      model,
      steps: quick ? 10 : 30,
      warmup: 3,
      threads: threads === 'default' ? undefined : threads,
      blasCore: tier.ok && tier.info.library === 'OpenBLAS' ? tier.info.core : undefined,
    });
    peers.set(peerKey(model, threads), p);
    emit({ case: 'peer', peer: 'pytorch-cpu', asked: threads, ...p, model });
    if (!p.available) break; // no torch here: other thread counts would say the same
  }
}

const figure = (model: string, threads: number | 'default'): PeerFigure | undefined => {
  const p = peers.get(peerKey(model, threads));
  return p?.available ? { msPerStep: p.msPerStep, threads: p.threads, blasThreads: p.blasThreads } : undefined;
};

const summary: BenchRow[] = [];

/** The native tier on or off and its threads, in this process, for one row. */
function configure(v: Variant): void {
  if (!tier.ok) return;
  setBlasEnabled(v.nativeTier !== false);
  setBlasThreads(v.blasThreads ?? 1);
}

async function benchRow(v: Variant, model: string, spec: Spec, ds: Dataset): Promise<void> {
  configure(v);
  // the cpu backend needs minutes per CNN step: one step, no warm-up
  const slow = v.backend === 'cpu' && model === 'cnn';
  const { stepMs, statsMs } = timeSteps(spec, ds, slow ? 1 : quick ? 10 : 30, slow ? 0 : 3);
  const stepsPerEpoch = batchRanges(2048, spec.batchSize).length;
  const [pytorch, pytorchSame] = [figure(model, 'default'), figure(model, v.peerThreads)];
  const row: BenchRow = {
    model,
    variant: v.label,
    threads: v.threads,
    msPerStep: +stepMs.toFixed(2),
    samplesPerSec: Math.round((spec.batchSize / stepMs) * 1000),
    pytorch,
    pytorchSame,
  };
  summary.push(row);
  emit({
    case: 'train-step',
    backend: v.backend,
    variant: v.label,
    nativeTier: v.nativeTier,
    blasThreads: v.blasThreads,
    model,
    batch: spec.batchSize,
    msPerStep: row.msPerStep,
    samplesPerSec: row.samplesPerSec,
    ...(pytorch && {
      pytorchMsPerStep: pytorch.msPerStep,
      pytorchSamplesPerSec: Math.round((spec.batchSize / pytorch.msPerStep) * 1000),
      speedVsPyTorch: speedRatio(pytorch.msPerStep, stepMs),
    }),
    ...(pytorchSame && {
      pytorchSameThreadsMsPerStep: pytorchSame.msPerStep,
      speedVsPyTorchSameThreads: speedRatio(pytorchSame.msPerStep, stepMs),
    }),
    statsMsPerEpoch: +statsMs.toFixed(1),
    statsShareOfEpoch: +(statsMs / (stepsPerEpoch * stepMs)).toFixed(4),
    stepsPerEpoch,
  });
  if (profile && !slow)
    emit({ case: 'profile', backend: v.backend, variant: v.label, model, ...(await profileStep(spec, ds)) });
}

async function benchBackend(name: ConcreteBackend): Promise<void> {
  let report;
  try {
    report = await selectBackend(name);
  } catch (err) {
    emit({ case: 'backend', backend: name, available: false, reason: (err as Error).message });
    return;
  }
  emit({
    case: 'backend',
    backend: name,
    available: true,
    detail: report.detail,
    parityMaxAbsDiff: report.parityMaxAbsDiff,
  });
  try {
    // rows of one model back to back, so a change in the machine's load moves them alike
    for (const [model, spec, ds] of cases) {
      for (const v of variantsFor(name, tier.ok, cores)) {
        if (name === 'cpu' && model === 'cnn' && quick) {
          emit({
            case: 'train-step',
            backend: name,
            model,
            skipped: '--quick: the cpu backend needs minutes per CNN step',
          });
          continue;
        }
        await benchRow(v, model, spec, ds);
      }
    }
  } finally {
    // as the app runs it: the tier on, 1 thread until a scheduler says otherwise
    if (tier.ok) {
      setBlasEnabled(true);
      setBlasThreads(1);
    }
  }
}

for (const name of backends) await benchBackend(name);
console.log(
  `\n${formatSummary(summary)}\nload average (1 min): ${loadAtStart} at start, ${load1()} at end; ${cores} cores`,
);
