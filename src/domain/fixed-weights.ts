/**
 * The fixed weights of the loss terms: each term's own weight from the spec (task `weight`, aux
 * head `aux.weight`); the two-task shorthand λ gives the primary task λ and the other main task
 * 1 − λ, while auxiliary heads keep their own weights. Plain arithmetic, browser-safe: the trainer's
 * `fixed` strategy and the Design view's diagram use this one rule.
 */

export interface FixedWeightsInput {
  /** K weights from the spec: the main task heads first, then the auxiliary heads */
  weights: number[];
  /** two-task λ ∈ [0, 1]; absent = use `weights` as given */
  lambda?: number;
  /** index (among the main terms) of the primary task: the one that receives λ */
  primaryIndex: number;
  /** how many of the K terms are main task heads (the first ones); the rest are aux heads */
  mainTerms: number;
}

/** The K fixed weights (see the module comment). Throws on a λ without exactly two main terms. */
export function fixedWeights(o: FixedWeightsInput): number[] {
  const K = o.weights.length;
  if (!Number.isInteger(o.mainTerms) || o.mainTerms < 1 || o.mainTerms > K)
    throw new RangeError(`fixedWeights: mainTerms ${o.mainTerms} must be in 1..${K}`);
  const i = o.weights.findIndex((w) => !(w >= 0) || !Number.isFinite(w));
  if (i >= 0) throw new RangeError(`fixedWeights: weights[${i}] = ${o.weights[i]} must be ≥ 0`);
  const out = [...o.weights];
  if (o.lambda === undefined) return out;
  if (o.mainTerms !== 2) throw new RangeError(`λ needs exactly two main tasks, got ${o.mainTerms}`);
  if (!(o.lambda >= 0 && o.lambda <= 1)) throw new RangeError(`λ = ${o.lambda} must be in [0, 1]`);
  if (o.primaryIndex !== 0 && o.primaryIndex !== 1)
    throw new RangeError(`fixedWeights: primaryIndex ${o.primaryIndex} must be 0 or 1 with λ`);
  out[o.primaryIndex] = o.lambda;
  out[1 - o.primaryIndex] = 1 - o.lambda;
  return out;
}

/** K weights of 1. */
export function equalWeights(K: number): number[] {
  if (!Number.isInteger(K) || K < 0) throw new RangeError(`equalWeights: K = ${K}`);
  return new Array<number>(K).fill(1);
}
