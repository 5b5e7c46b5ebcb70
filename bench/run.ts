/**
 * npm run bench: samples/s of the reference models on every backend that loads, the statistics'
 * cost as a share of an epoch's step time, and PyTorch CPU's samples/s on the same models measured
 * right then (bench/pytorch-peer.py, when python3 has torch) with the ratio.
 * Prints one JSON line per case. Numbers, never pass/fail.
 *   --quick      fewer steps; skip the cpu backend's CNN (minutes per step)
 *   --backends=a,b   only these (default: every backend that loads)
 *   --profile    after each model's step time, its per-kernel breakdown (bench/profile.ts)
 *   --sweep      only time the λ-sweep example end to end through the CLI (bench/sweep.ts);
 *                --sweep-epochs=n shortens its runs
 */
import * as tf from '@tensorflow/tfjs-core';
import { availableParallelism, cpus } from 'node:os';
import type { Dataset } from '../src/data/types.ts';
import type { Spec } from '../src/experiment/spec.ts';
import { selectBackend } from '../src/train/backend/select.ts';
import { batchRanges, disposeBatch, makeBatch } from '../src/train/batches.ts';
import { layerRecords, snapshotKernels } from '../src/train/layer-records.ts';
import { runProbe } from '../src/train/probe.ts';
import type { BackendName } from '../src/experiment/spec.ts';
import { trainStep } from '../src/train/step.ts';
import { createState, disposeState } from '../src/train/trainer.ts';
import { cnnSpec, defaultSpec, mlpSpec, mnistShaped, shapes32 } from './models.ts';
import { measurePeer, type PeerResult } from './peer.ts';
import { profileStep } from './profile.ts';
import { timeSweep } from './sweep.ts';

tf.enableProdMode();
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
const sweepEpochs = args.find((a) => a.startsWith('--sweep-epochs='))?.slice(15);
const only = args
  .find((a) => a.startsWith('--backends='))
  ?.slice(11)
  .split(',');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const emit = (o: object) => console.log(JSON.stringify(o));

function timeSteps(spec: Spec, ds: Dataset, steps: number, warmup: number) {
  const st = createState(spec, ds);
  const idx = Int32Array.from({ length: spec.batchSize }, (_, i) => i);
  const times: number[] = [];
  for (let i = 0; i < warmup + steps; i++) {
    const b = makeBatch(ds, ds.train, idx);
    const t0 = performance.now();
    const r = trainStep(st, b.x, b.t, false);
    times.push(performance.now() - t0);
    disposeBatch(b);
    if (!Number.isFinite(r.loss)) throw new Error('bench loss not finite');
  }
  const stepMs = median(times.slice(warmup));
  // the statistics of one epoch at defaults: kernel snapshot, the last batch's gradient kept,
  // summaries + histograms on the backend, the probe batch — median of several measurements
  const statsTimes: number[] = [];
  const probeBatch = makeBatch(
    ds,
    ds.val,
    Int32Array.from({ length: spec.stats.probeBatchSize }, (_, i) => i),
  );
  for (let rep = 0; rep < (steps > 1 ? 5 : 1); rep++) {
    const b = makeBatch(ds, ds.train, idx);
    const t0 = performance.now();
    const before = snapshotKernels(st);
    const epochStart = snapshotKernels(st);
    const r = trainStep(st, b.x, b.t, true);
    const captureMs = performance.now() - t0 - stepMs;
    const t1 = performance.now();
    const probe = runProbe(st, probeBatch.x, probeBatch.t);
    layerRecords(st, r.grads!, before, epochStart, probe, spec.stats.histogramBins);
    statsTimes.push(performance.now() - t1 + Math.max(0, captureMs));
    tf.dispose(Object.values(r.grads!));
    disposeBatch(b);
  }
  const statsMs = median(statsTimes);
  disposeBatch(probeBatch);
  disposeState(st);
  return { stepMs, statsMs };
}

/** PyTorch's figures for a model, measured once per bench run (before the backends, same steps). */
const peers = new Map<string, PeerResult>();

function peerFields(model: string, stepMs: number): object {
  const p = peers.get(model);
  if (!p?.available) return {};
  return {
    pytorchMsPerStep: p.msPerStep,
    pytorchSamplesPerSec: Math.round((p.batch / p.msPerStep) * 1000),
    // our speed as a share of PyTorch's: 1 = as fast, 0.5 = half as fast
    speedVsPyTorch: +(p.msPerStep / stepMs).toFixed(3),
  };
}

async function benchBackend(name: Exclude<BackendName, 'auto'>): Promise<void> {
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
  const cases = [
    ['defaults', defaultSpec, shapes32(2048)],
    ['mlp', mlpSpec, mnistShaped(2048)],
    ['cnn', cnnSpec, shapes32(2048)],
  ] as const;
  for (const [model, spec, ds] of cases) {
    const slow = name === 'cpu' && model === 'cnn';
    if (slow && quick) {
      emit({
        case: 'train-step',
        backend: name,
        model,
        skipped: '--quick: the cpu backend needs minutes per CNN step',
      });
      continue;
    }
    const { stepMs, statsMs } = timeSteps(spec, ds, slow ? 1 : quick ? 10 : 30, slow ? 0 : 3);
    const stepsPerEpoch = batchRanges(2048, spec.batchSize).length;
    emit({
      case: 'train-step',
      backend: name,
      model,
      batch: spec.batchSize,
      msPerStep: +stepMs.toFixed(2),
      samplesPerSec: Math.round((spec.batchSize / stepMs) * 1000),
      ...peerFields(model, stepMs),
      statsMsPerEpoch: +statsMs.toFixed(1),
      statsShareOfEpoch: +(statsMs / (stepsPerEpoch * stepMs)).toFixed(4),
      stepsPerEpoch,
    });
    if (profile && !slow) emit({ case: 'profile', backend: name, model, ...(await profileStep(spec, ds)) });
  }
}

if (args.includes('--sweep')) {
  emit({ case: 'sweep', ...timeSweep(sweepEpochs ? ['--epochs', sweepEpochs] : []) });
  process.exit(0);
}
emit({
  case: 'machine',
  cpus: cpus()[0]?.model,
  cores: availableParallelism(),
  node: process.version,
  tfjs: tf.version_core,
});
for (const model of ['mlp', 'cnn']) {
  const p = measurePeer(model, quick ? 10 : 30, 3);
  peers.set(model, p);
  emit({ case: 'peer', peer: 'pytorch-cpu', model, ...p });
}
for (const name of (only ?? ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']) as Array<Exclude<BackendName, 'auto'>>)
  await benchBackend(name);
