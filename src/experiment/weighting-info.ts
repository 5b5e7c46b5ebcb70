/**
 * What a person reads about each weighting method: its full name, one sentence and its paper.
 * Browser-safe (no tfjs) so the Design view shows the same words the trainer's strategies carry.
 */
import type { WeightingMethod } from './spec.ts';

export interface WeightingInfo {
  /** the full name, for pickers and legends (never a bare acronym) */
  title: string;
  /** one sentence: what the method does to the loss or the gradient */
  summary: string;
  /** authors, title, venue, year, arXiv id; for the baselines, what they are */
  citation: string;
  /** the paper's arXiv page; absent for the baselines */
  url?: string;
}

export const WEIGHTING_INFO: Record<WeightingMethod, WeightingInfo> = {
  fixed: {
    title: 'Fixed weights',
    citation: 'Static linear scalarisation, L = Σ wᵢLᵢ (baseline).',
    summary: 'Each loss term keeps the weight set in the spec; with λ, the primary task gets λ and the other 1 − λ.',
  },
  equal: {
    title: 'Equal weights',
    citation: 'Uniform scaling, L = Σ Lᵢ (baseline).',
    summary: 'Every loss term, auxiliary heads included, has weight 1.',
  },
  uncertainty: {
    title: 'Uncertainty weighting (homoscedastic)',
    citation:
      'Kendall, Gal & Cipolla. Multi-Task Learning Using Uncertainty to Weigh Losses for Scene Geometry and Semantics. CVPR 2018. arXiv:1705.07115',
    url: 'https://arxiv.org/abs/1705.07115',
    summary:
      'Learns one log-variance sᵢ per term: L = Σ cᵢ e^(−sᵢ) Lᵢ + ½ sᵢ, so noisier (higher-loss) terms are down-weighted.',
  },
  dwa: {
    title: 'Dynamic Weight Average (DWA)',
    citation: 'Liu, Johns & Davison. End-to-End Multi-Task Learning with Attention. CVPR 2019. arXiv:1803.10704',
    url: 'https://arxiv.org/abs/1803.10704',
    summary:
      'Each epoch, weights are a softmax (temperature T) of how slowly each loss fell over the last two epochs; they sum to K.',
  },
  gradnorm: {
    title: 'Gradient Normalization (GradNorm)',
    citation:
      'Chen, Badrinarayanan, Lee & Rabinovich. GradNorm: Gradient Normalization for Adaptive Loss Balancing in Deep Multitask Networks. ICML 2018. arXiv:1711.02257',
    url: 'https://arxiv.org/abs/1711.02257',
    summary:
      'Tunes the weights so each term’s gradient norm on the last shared layer tracks the mean norm scaled by its relative training rate to the power α.',
  },
  pcgrad: {
    title: 'Projecting Conflicting Gradients (PCGrad)',
    citation:
      'Yu, Kumar, Gupta, Levine, Hausman & Finn. Gradient Surgery for Multi-Task Learning. NeurIPS 2020. arXiv:2001.06782',
    url: 'https://arxiv.org/abs/2001.06782',
    summary:
      'When two terms’ gradients conflict (negative dot product), each is projected onto the normal plane of the other before they are summed.',
  },
  mgda: {
    title: 'Multiple-Gradient Descent (MGDA, min-norm)',
    citation: 'Sener & Koltun. Multi-Task Learning as Multi-Objective Optimization. NeurIPS 2018. arXiv:1810.04650',
    url: 'https://arxiv.org/abs/1810.04650',
    summary:
      'Steps along the minimum-norm convex combination of the terms’ gradients: a direction that decreases every loss, towards a Pareto-stationary point.',
  },
};
