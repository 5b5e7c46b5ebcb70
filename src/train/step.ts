/**
 * One optimisation step under the run's weighting strategy. The step forms the applied gradient in
 * one of two ways the strategy declares (see weighting/strategy.ts): one backward pass of a combined
 * loss, or one backward pass per loss term combined on the shared parameters; the rest is the
 * strategy's hooks.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Network } from '../model/network.ts';
import { type BatchTargets, metricSums, termLoss, weightedSum } from './losses.ts';
import type { StepOptimizer } from './optimizer/index.ts';
import type { ActiveWeighting, CombinedLossRun, PerTermRun, WeightingState } from './weighting/index.ts';

export interface StepState extends WeightingState {
  /** applies weight decay and clipping (spec.optimizer) itself */
  optimizer: StepOptimizer;
  /** the run's weighting strategy with its per-run state; `weights` are the weights in force */
  weighting: ActiveWeighting;
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

/** One backward pass of the strategy's combined loss (Σ wᵢLᵢ unless it says otherwise). */
function combinedGrads(
  st: StepState,
  run: CombinedLossRun,
  x: tf.Tensor4D,
  t: BatchTargets,
  pass: Pass,
): tf.NamedTensorMap {
  const { value, grads } = tf.variableGrads(() => {
    const losses = forwardTerms(st, x, t, true, pass);
    return run.loss ? run.loss(st, losses) : weightedSum(losses, st.weights);
  }, [...st.net.trainable(), ...run.variables]);
  value.dispose();
  run.afterBackward?.(st);
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

/** One backward pass per term; the strategy combines the shared parts, heads sum their own. */
function perTermCombined(st: StepState, run: PerTermRun, x: tf.Tensor4D, t: BatchTargets, pass: Pass) {
  const K = st.plan.terms.length;
  const perTerm = perTermGrads(st, x, t, pass, run.termScale(st));
  return tf.tidy(() => {
    const combined = run.combine(
      st,
      perTerm.map((g) => flatShared(st, g)),
    );
    const out = assemble(st, combined, perTerm, new Array(K).fill(1));
    for (const g of perTerm) tf.dispose(Object.values(g));
    return out;
  });
}

export function trainStep(st: StepState, x: tf.Tensor4D, t: BatchTargets, capture: boolean): StepResult {
  const pass = {} as Pass;
  const w = st.weighting;
  const grads = w.needsTaskGrads ? perTermCombined(st, w.run, x, t, pass) : combinedGrads(st, w.run, x, t, pass);
  const K = st.plan.terms.length;
  const packed = tf.tidy(() => tf.concat([tf.stack(pass.losses), ...pass.sums]));
  const read = packed.dataSync() as Float32Array;
  packed.dispose();
  const termLosses = Array.from(read.subarray(0, K));
  let offset = K;
  const sums = pass.sums.map((s) => read.slice(offset, (offset += s.size)));
  tf.dispose([...pass.losses, ...pass.sums]);
  // Σ w_i L_i with the weights this step used (a strategy's extra terms, e.g. a regulariser, left out)
  const loss = termLosses.reduce((a, l, i) => a + l * st.weights[i], 0);
  w.run.afterStep?.(st, { termLosses, forward: () => forwardTerms(st, x, t, false, {} as Pass) });
  st.optimizer.applyGradients(grads);
  w.run.afterUpdate?.(st);
  st.net.updateMovingStats(pass.bn ?? []);
  if (!capture) tf.dispose(Object.values(grads));
  return { loss, termLosses, sums, grads: capture ? grads : null };
}
