/**
 * One optimisation step under each weighting method. Methods that reshape gradients (PCGrad, MGDA)
 * or steer by them (GradNorm) take one backward pass per loss term; the others take one in all.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Spec } from '../experiment/spec.ts';
import type { Network } from '../model/network.ts';
import type { ModelPlan } from '../model/plan.ts';
import type { Rng } from '../util/rng.ts';
import { type BatchTargets, metricSums, termLoss, weightedSum } from './losses.ts';
import {
  gramMatrix,
  gradnormStep,
  minNormWeights,
  pcgrad,
  uncertaintyLoss,
  uncertaintyWeights,
} from './weighting/index.ts';

export interface StepState {
  net: Network;
  plan: ModelPlan;
  spec: Spec;
  optimizer: tf.Optimizer;
  /** weights of the loss terms in force (fixed, DWA, GradNorm; MGDA's α after a step) */
  weights: number[];
  /** Kendall's s_i = log σ_i², trainable (uncertainty weighting only) */
  logVars: tf.Variable | null;
  /** GradNorm's L_i(0), set at the first step */
  initialLosses: number[] | null;
  rng: Rng;
}

export interface StepResult {
  /** the combined loss the optimiser minimised */
  loss: number;
  termLosses: number[];
  /** per term, summed metric statistics (see metricSums) */
  sums: Float32Array[];
  /** the gradient applied (before decay and clipping), by variable name; kept tensors the caller disposes */
  grads: tf.NamedTensorMap | null;
}

interface Pass {
  losses: tf.Scalar[];
  sums: tf.Tensor1D[];
  /** batch-norm statistics of the kept forward pass, folded into the moving averages after the step */
  bn: ReturnType<Network['forward']>['bnBatchStats'];
}

/** Forward all terms; keeps what must outlive the gradient scope when `keep` is set. */
function forwardTerms(st: StepState, x: tf.Tensor4D, t: BatchTargets, keep: boolean, pass: Pass): tf.Scalar[] {
  const r = st.net.forward(x, { training: true });
  const losses = st.plan.terms.map((term) => termLoss(term.loss, r.outputs.get(term.id)!, t));
  if (keep) {
    pass.losses = losses.map((l) => tf.keep(l.clone()));
    pass.sums = st.plan.terms.map((term) => tf.keep(metricSums(term, r.outputs.get(term.id)!, t)));
    for (const s of r.bnBatchStats) {
      tf.keep(s.mean);
      tf.keep(s.variance);
    }
    pass.bn = r.bnBatchStats;
  }
  return losses;
}

function trainableVars(st: StepState): tf.Variable[] {
  return st.logVars ? [...st.net.trainable(), st.logVars] : st.net.trainable();
}

/** One backward pass of the weighted sum (fixed, equal, DWA, uncertainty, GradNorm). */
function combinedGrads(st: StepState, x: tf.Tensor4D, t: BatchTargets, pass: Pass): tf.NamedTensorMap {
  const regression = st.plan.terms.map((term) => term.loss !== 'softmax_ce' && term.loss !== 'bce');
  const { value, grads } = tf.variableGrads(() => {
    const losses = forwardTerms(st, x, t, true, pass);
    return st.logVars
      ? uncertaintyLoss(losses, st.logVars as tf.Tensor1D, regression)
      : weightedSum(losses, st.weights);
  }, trainableVars(st));
  value.dispose();
  if (st.logVars) st.weights = uncertaintyWeights(Array.from(st.logVars.dataSync()), regression);
  return grads;
}

/** Per-term gradients on every variable (term i's head only gets its own). */
function perTermGrads(
  st: StepState,
  x: tf.Tensor4D,
  t: BatchTargets,
  pass: Pass,
  scale: number[],
): tf.NamedTensorMap[] {
  return st.plan.terms.map((_, i) => {
    const { value, grads } = tf.variableGrads(
      () => tf.mul(forwardTerms(st, x, t, i === 0, pass)[i], scale[i]) as tf.Scalar,
      st.net.trainable(),
    );
    value.dispose();
    return grads;
  });
}

const flatShared = (st: StepState, g: tf.NamedTensorMap) =>
  tf.concat(st.net.shared().map((v) => (g[v.name] ? tf.reshape(g[v.name], [-1]) : tf.zeros([v.size])))) as tf.Tensor1D;

/** Write a flat shared gradient back into per-variable tensors; head gradients are summed over terms. */
function assemble(
  st: StepState,
  sharedFlat: tf.Tensor1D,
  perTerm: tf.NamedTensorMap[],
  headScale: number[],
): tf.NamedTensorMap {
  const out: tf.NamedTensorMap = {};
  let offset = 0;
  for (const v of st.net.shared()) {
    out[v.name] = tf.reshape(tf.slice(sharedFlat, offset, v.size), v.shape);
    offset += v.size;
  }
  const shared = new Set(Object.keys(out));
  perTerm.forEach((g, i) => {
    for (const [name, grad] of Object.entries(g)) {
      if (shared.has(name)) continue;
      const scaled = tf.mul(grad, headScale[i]);
      out[name] = out[name] ? tf.add(out[name], scaled) : scaled;
    }
  });
  return out;
}

function surgeryGrads(st: StepState, x: tf.Tensor4D, t: BatchTargets, pass: Pass): tf.NamedTensorMap {
  const K = st.plan.terms.length;
  const mgda = st.spec.weighting.method === 'mgda';
  const scale = mgda ? new Array(K).fill(1) : st.weights;
  const perTerm = perTermGrads(st, x, t, pass, scale);
  return tf.tidy(() => {
    const flats = perTerm.map((g) => flatShared(st, g));
    let combined: tf.Tensor1D;
    if (mgda) {
      const alpha = minNormWeights(gramMatrix(flats));
      st.weights = alpha;
      combined = tf.addN(flats.map((f, i) => tf.mul(f, alpha[i]))) as tf.Tensor1D;
    } else {
      const order = (i: number) => st.rng.shuffle([...Array(K).keys()].filter((j) => j !== i));
      combined = pcgrad(flats, order);
    }
    const out = assemble(st, combined, perTerm, new Array(K).fill(1));
    for (const g of perTerm) tf.dispose(Object.values(g));
    return out;
  });
}

/**
 * GradNorm: measure G_i = ‖∇_W w_i L_i‖ on W, the kernel of the last trunk layer that every term
 * passes through (the last trunk layer, or the lowest auxiliary head's layer), and move w.
 */
function gradnormUpdate(st: StepState, x: tf.Tensor4D, t: BatchTargets, termLosses: number[]): void {
  const common = Math.min(...st.plan.terms.map((term) => term.attach));
  const lastTrunk = st.net.vars[common - 1].kernel;
  const norms = st.plan.terms.map((_, i) =>
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(
        () => tf.mul(forwardTerms(st, x, t, false, {} as Pass)[i], st.weights[i]) as tf.Scalar,
        [lastTrunk],
      );
      value.dispose();
      return tf.norm(grads[lastTrunk.name]).dataSync()[0];
    }),
  );
  st.initialLosses ??= termLosses.map((l) => Math.max(l, 1e-12));
  const lossRatios = termLosses.map((l, i) => l / st.initialLosses![i]);
  const w = st.spec.weighting;
  st.weights = gradnormStep({
    weights: st.weights,
    gradNorms: norms,
    lossRatios,
    alpha: w.alpha,
    lr: w.weightLr,
  }).weights;
}

/** Weight decay (L2 on kernels) and global-norm clipping, then the optimiser's update. */
function apply(st: StepState, grads: tf.NamedTensorMap): void {
  const { weightDecay, clipNorm } = st.spec.optimizer;
  tf.tidy(() => {
    let g: tf.NamedTensorMap = { ...grads };
    if (weightDecay > 0)
      for (const v of st.net.trainable())
        if (v.name.endsWith('/kernel') && g[v.name]) g[v.name] = tf.add(g[v.name], tf.mul(v, weightDecay));
    if (clipNorm !== undefined) {
      const norm = tf.sqrt(tf.addN(Object.values(g).map((x) => tf.sum(tf.square(x)))));
      const factor = tf.minimum(1, tf.div(clipNorm, tf.maximum(norm, 1e-12)));
      g = Object.fromEntries(Object.entries(g).map(([k, x]) => [k, tf.mul(x, factor)]));
    }
    st.optimizer.applyGradients(g);
  });
}

export function trainStep(st: StepState, x: tf.Tensor4D, t: BatchTargets, capture: boolean): StepResult {
  const pass = {} as Pass;
  const method = st.spec.weighting.method;
  const grads = method === 'pcgrad' || method === 'mgda' ? surgeryGrads(st, x, t, pass) : combinedGrads(st, x, t, pass);
  const K = st.plan.terms.length;
  const packed = tf.tidy(() => tf.concat([tf.stack(pass.losses), ...pass.sums]));
  const read = packed.dataSync() as Float32Array;
  packed.dispose();
  const termLosses = Array.from(read.subarray(0, K));
  let offset = K;
  const sums = pass.sums.map((s) => read.slice(offset, (offset += s.size)));
  tf.dispose([...pass.losses, ...pass.sums]);
  // Σ w_i L_i with the weights this step used (for uncertainty, w_i = c_i·e^(−s_i), without the ½ s_i term)
  const loss = termLosses.reduce((a, l, i) => a + l * st.weights[i], 0);
  if (method === 'gradnorm') gradnormUpdate(st, x, t, termLosses);
  apply(st, grads);
  st.net.updateMovingStats(pass.bn ?? []);
  if (!capture) tf.dispose(Object.values(grads));
  return { loss, termLosses, sums, grads: capture ? grads : null };
}
