/**
 * Dynamic Weight Average — Liu, Johns & Davison, "End-to-End Multi-Task Learning with Attention",
 * CVPR 2019 (arXiv:1803.10704), eq. (7):
 *
 *   w_k(t) = K · exp(r_k(t−1) / T) / Σ_j exp(r_j(t−1) / T),   r_k(t−1) = L_k(t−1) / L_k(t−2)
 *
 * where L_k(e) is the mean training loss of term k over epoch e. A term whose loss falls more
 * slowly (larger r) gets more weight; T (spec default 2) softens the softmax, and T → ∞ gives
 * equal weights. For the first two epochs (fewer than two completed) every weight is 1.
 * The weights sum to K.
 */
import { WEIGHTING_INFO } from '../../experiment/weighting-info.ts';
import { equalWeights } from './fixed.ts';
import type { CombinedLossStrategy } from './strategy.ts';

/**
 * DWA weights for the coming epoch.
 * @param history history[e][k] = mean training loss of term k in completed epoch e, oldest first;
 *   only the last two rows are used
 * @param T temperature, > 0
 * @param k number of loss terms; needed only when history is empty (defaults to the last row's length)
 * @returns K weights, summing to K
 */
export function dwaWeights(history: number[][], T: number, k?: number): number[] {
  if (!(T > 0)) throw new RangeError(`DWA temperature must be > 0, got ${T}`);
  const K = k ?? history.at(-1)?.length;
  if (K === undefined) throw new RangeError('dwaWeights: empty history and no term count given');
  history.forEach((row, e) => {
    if (row.length !== K) throw new RangeError(`dwaWeights: history[${e}] has ${row.length} terms, expected ${K}`);
  });
  if (history.length < 2) return new Array<number>(K).fill(1);
  const prev = history[history.length - 2];
  const last = history[history.length - 1];
  const r = last.map((l, i) => lossRatio(l, prev[i]));
  // softmax with the max subtracted: exp cannot overflow for any T
  const top = Math.max(...r);
  const e = r.map((x) => Math.exp((x - top) / T));
  const sum = e.reduce((x, y) => x + y, 0);
  return e.map((x) => (K * x) / sum);
}

/** L(t−1) / L(t−2); 1 when the ratio is undefined (a zero or non-finite loss). */
function lossRatio(last: number, prev: number): number {
  const r = last / prev;
  return prev > 0 && Number.isFinite(r) && r >= 0 ? r : 1;
}

/** Weights set at the start of every epoch from the term losses of the epochs before. */
export const dwaStrategy: CombinedLossStrategy = {
  info: WEIGHTING_INFO.dwa,
  needsTaskGrads: false,
  start: ({ spec, plan }) => {
    const K = plan.terms.length;
    return {
      // what dwaWeights gives before two epochs are complete; epochStart sets them before any step
      initialWeights: equalWeights(K),
      variables: [],
      epochStart: (st, lossHistory) => {
        st.weights = dwaWeights(lossHistory, spec.weighting.temperature, K);
      },
    };
  },
};
