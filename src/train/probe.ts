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
import { fromSummary, saturatedCount, SUMMARY, SUMMARY_SIZE, summaryVector } from './tensor-stats.ts';
import type { StepState } from './step.ts';

export interface LayerProbe {
  dzL2: number;
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

/** Gram matrix G_ij = ⟨g_i, g_j⟩ of the terms' shared gradients, on the backend; one small read. */
function gram(passes: TermPass[]): number[][] {
  const K = passes.length;
  const m = tf.tidy(() => {
    const dots: tf.Scalar[] = [];
    for (let i = 0; i < K; i++)
      for (let j = 0; j < K; j++)
        dots.push(
          passes[i].shared
            .map((g, v) => tf.sum(tf.mul(g, passes[j].shared[v])))
            .reduce((a, b) => tf.add(a, b)) as tf.Scalar,
        );
    return tf.stack(dots);
  });
  const v = m.dataSync();
  m.dispose();
  return Array.from({ length: K }, (_, i) => Array.from(v.subarray(i * K, (i + 1) * K)));
}

/** dz and activation statistics of every layer, computed on the backend and read at once. */
function layerProbes(st: StepState, passes: TermPass[], acts: tf.Tensor[]): LayerProbe[] {
  const packed = tf.tidy(() =>
    tf.stack(
      st.plan.layers.map((l, k) => {
        // dL/dz = Σ_i w_i dL_i/dz over the terms whose loss reaches layer k
        const parts = passes.flatMap((p, i) => (p.dz[k] ? [tf.mul(p.dz[k]!, st.weights[i])] : []));
        const dz = parts.length ? parts.reduce((a, b) => tf.add(a, b)) : tf.zerosLike(acts[k]);
        const sat = saturatedCount(acts[k], l.activation) ?? tf.scalar(-1);
        return tf.concat([summaryVector(dz), summaryVector(acts[k]), tf.reshape(sat, [1])]);
      }),
    ),
  );
  const v = packed.dataSync();
  packed.dispose();
  const row = 2 * SUMMARY_SIZE + 1;
  return st.plan.layers.map((_, k) => {
    const d = fromSummary(v, k * row);
    const a = fromSummary(v, k * row + SUMMARY_SIZE);
    const sat = v[k * row + 2 * SUMMARY_SIZE];
    const n = v[k * row + SUMMARY_SIZE + SUMMARY.n];
    return { dzL2: d.l2, dzStd: d.std, actMean: a.mean, actStd: a.std, actSaturation: sat < 0 ? null : sat / n };
  });
}

export function runProbe(st: StepState, x: tf.Tensor4D, t: BatchTargets): ProbeResult {
  const acts: tf.Tensor[] = new Array(st.plan.layers.length);
  const passes = st.plan.terms.map((_, i) => termPass(st, x, t, i, i === 0 ? acts : null));
  const layers = layerProbes(st, passes, acts);
  const G = gram(passes);
  tf.dispose([...acts, ...passes.flatMap((p) => [...p.shared, ...p.dz.filter((d): d is tf.Tensor => !!d)])]);
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
