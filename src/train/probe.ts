/**
 * Probes on a fixed batch: dL/dz of every layer (z = pre-activation, Glorot & Bengio's
 * back-propagated gradient), activation statistics, and each loss term's gradient alone on the
 * shared trunk (norms and pairwise cosines — negative cosine = conflicting tasks).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TaskCosine, TaskGradStats } from './records.ts';
import { type BatchTargets, termLoss, weightedSum } from './losses.ts';
import { cosine, l2, saturation, summarize } from './stats.ts';
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

function layerProbes(st: StepState, x: tf.Tensor4D, t: BatchTargets): LayerProbe[] {
  const n = st.plan.layers.length;
  const dz: tf.Tensor[] = new Array(n);
  const acts: tf.Tensor[] = new Array(n);
  const taps = st.plan.layers.map((_, i) => tap((dy) => (dz[i] = dy)));
  const { value, grads } = tf.variableGrads(() => {
    const r = st.net.forward(x, {
      training: true,
      tapZ: (i, z) => taps[i](z),
      onActivation: (i, a) => (acts[i] = tf.keep(tf.clone(a))),
    });
    for (const s of r.bnBatchStats) tf.dispose([s.mean, s.variance]);
    const losses = st.plan.terms.map((term) => termLoss(term.loss, r.outputs.get(term.id)!, t));
    return weightedSum(losses, st.weights);
  }, st.net.trainable());
  tf.dispose([value, ...Object.values(grads)]);
  return st.plan.layers.map((l, i) => {
    const d = summarize(dz[i].dataSync());
    const a = acts[i].dataSync();
    const s = summarize(a);
    let sum = 0;
    for (let k = 0; k < a.length; k++) sum += a[k];
    tf.dispose([dz[i], acts[i]]);
    return { dzL2: d.l2, dzStd: d.std, actMean: a.length ? sum / a.length : 0, actStd: s.std, actSaturation: saturation(a, l.activation) };
  });
}

function taskGradients(st: StepState, x: tf.Tensor4D, t: BatchTargets): Float32Array[] {
  const shared = st.net.shared();
  return st.plan.terms.map((term) => {
    const flat = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const r = st.net.forward(x, { training: true });
        return termLoss(term.loss, r.outputs.get(term.id)!, t);
      }, shared);
      value.dispose();
      return tf.concat(shared.map((v) => (grads[v.name] ? tf.reshape(grads[v.name], [-1]) : tf.zeros([v.size]))));
    });
    // read outside tidy: tidy walks a returned typed array element by element
    const data = flat.dataSync() as Float32Array;
    flat.dispose();
    return data;
  });
}

export function runProbe(st: StepState, x: tf.Tensor4D, t: BatchTargets): ProbeResult {
  const layers = layerProbes(st, x, t);
  const ids = st.plan.terms.map((term) => term.id);
  const g = taskGradients(st, x, t);
  const taskGrads = g.map((v, i) => ({ task: ids[i], norm: l2(v) }));
  const taskCosines: TaskCosine[] = [];
  for (let i = 0; i < g.length; i++)
    for (let j = i + 1; j < g.length; j++) taskCosines.push({ a: ids[i], b: ids[j], cosine: cosine(g[i], g[j]) });
  return { layers, taskGrads, taskCosines };
}
