/**
 * Probes on a fixed batch: dL/dz of every layer (z = pre-activation, Glorot & Bengio's
 * back-propagated gradient), activation statistics, and each loss term's gradient alone on the
 * shared trunk (norms and pairwise cosines — negative cosine = conflicting tasks).
 *
 * One backward pass per loss term does it all: each pass taps dL_i/dz, and since the loss is
 * Σ w_i L_i, dL/dz = Σ w_i dL_i/dz — no separate pass for the combined loss.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TaskCosine, TaskGradStats } from '../domain/records.ts';
import { type BatchTargets, termLoss } from './losses.ts';
import { gramOf } from './host-stats.ts';
import { activationStats, valuesSummary } from './fused-stats.ts';
import type { StepState } from './step.ts';

export interface LayerProbe {
  dzL2: number;
  /** ‖dL/dz‖/√(elements of z on the probe batch) */
  dzRms: number;
  dzStd: number;
  actMean: number;
  actStd: number;
  actSaturation: number | null;
}

export interface ProbeResult {
  layers: LayerProbe[];
  taskGrads: TaskGradStats[];
  taskCosines: TaskCosine[];
}

/** Identity on the forward pass; hands dL/dz to `sink` on the backward pass. */
function tap(sink: (dy: tf.Tensor) => void): (z: tf.Tensor) => tf.Tensor {
  return tf.customGrad(((z: tf.Tensor) => ({
    value: tf.clone(z),
    gradFunc: (dy: tf.Tensor) => {
      sink(tf.keep(tf.clone(dy)));
      return dy;
    },
  })) as never) as (z: tf.Tensor) => tf.Tensor;
}

interface TermPass {
  /** dL_i/dθ of every shared parameter, in st.net.shared() order (kept tensors) */
  shared: tf.Tensor[];
  /** dL_i/dz per layer; undefined where L_i does not reach the layer (another term's head) */
  dz: Array<tf.Tensor | undefined>;
}

/** dL_i/dθ (shared) and dL_i/dz (all layers) of one term; activations recorded when `acts` is given. */
function termPass(st: StepState, x: tf.Tensor4D, t: BatchTargets, i: number, acts: tf.Tensor[] | null): TermPass {
  const dz: Array<tf.Tensor | undefined> = new Array(st.plan.layers.length);
  const taps = st.plan.layers.map((_, k) => tap((dy) => (dz[k] = dy)));
  const vars = st.net.shared();
  const { value, grads } = tf.variableGrads(() => {
    const r = st.net.forward(x, {
      training: true,
      tapZ: (k, z) => taps[k](z),
      onActivation: acts ? (k, a) => (acts[k] = tf.keep(tf.clone(a))) : undefined,
    });
    for (const s of r.bnBatchStats) tf.dispose([s.mean, s.variance]);
    const term = st.plan.terms[i];
    return termLoss(term.loss, r.outputs.get(term.id)!, t);
  }, vars);
  value.dispose();
  return { shared: vars.map((v) => grads[v.name] ?? tf.zerosLike(v)), dz };
}

/**
 * The raw tensors the probe's statistics are computed from (kept; disposeProbeTensors frees them):
 * per layer dL/dz = Σ_i w_i dL_i/dz over the terms whose loss reaches it, and its activation a;
 * per term, dL_i/dθ of every shared parameter.
 */
export interface ProbeTensors {
  dz: tf.Tensor[];
  acts: tf.Tensor[];
  shared: tf.Tensor[][];
}

export function probeTensors(st: StepState, x: tf.Tensor4D, t: BatchTargets): ProbeTensors {
  const acts: tf.Tensor[] = new Array(st.plan.layers.length);
  const passes = st.plan.terms.map((_, i) => termPass(st, x, t, i, i === 0 ? acts : null));
  const dz = st.plan.layers.map((_, k) =>
    tf.tidy(() => {
      const parts = passes.flatMap((p, i) => (p.dz[k] ? [tf.mul(p.dz[k]!, st.weights[i])] : []));
      return parts.length ? parts.reduce((a, b) => tf.add(a, b)) : tf.zerosLike(acts[k]);
    }),
  );
  tf.dispose(passes.flatMap((p) => p.dz.filter((d): d is tf.Tensor => !!d)));
  return { dz, acts, shared: passes.map((p) => p.shared) };
}

export function disposeProbeTensors(p: ProbeTensors): void {
  tf.dispose([...p.dz, ...p.acts, ...p.shared.flat()]);
}

/** Every probe statistic from its raw tensors, each tensor read once and summarised on the host. */
export function probeStats(st: StepState, p: ProbeTensors): ProbeResult {
  const values = (t: tf.Tensor) => t.dataSync() as Float32Array;
  const layers = st.plan.layers.map((l, k): LayerProbe => {
    const dz = values(p.dz[k]);
    const act = values(p.acts[k]);
    const d = valuesSummary(dz);
    const { summary: a, saturated: sat } = activationStats(act, l.activation);
    return {
      dzL2: d.l2,
      dzRms: dz.length ? d.l2 / Math.sqrt(dz.length) : 0,
      dzStd: d.std,
      actMean: a.mean,
      actStd: a.std,
      actSaturation: sat === null ? null : sat / act.length,
    };
  });
  const G = gramOf(p.shared.map((parts) => parts.map(values)));
  const ids = st.plan.terms.map((term) => term.id);
  const norms = G.map((r, i) => Math.sqrt(Math.max(0, r[i])));
  const taskGrads = ids.map((task, i) => ({ task, norm: norms[i] }));
  const taskCosines: TaskCosine[] = [];
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++)
      taskCosines.push({
        a: ids[i],
        b: ids[j],
        cosine: norms[i] > 0 && norms[j] > 0 ? G[i][j] / (norms[i] * norms[j]) : 0,
      });
  return { layers, taskGrads, taskCosines };
}

export function runProbe(st: StepState, x: tf.Tensor4D, t: BatchTargets): ProbeResult {
  const raw = probeTensors(st, x, t);
  try {
    return probeStats(st, raw);
  } finally {
    disposeProbeTensors(raw);
  }
}
