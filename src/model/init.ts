/**
 * Weight initialisers. fanIn/fanOut follow Keras: dense [in, out] → (in, out);
 * conv [kH, kW, inC, outC] → (kH·kW·inC, kH·kW·outC).
 */
import type { Init } from '../experiment/spec.ts';
import type { Rng } from '../util/rng.ts';

export function fans(shape: number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 2) return { fanIn: shape[0], fanOut: shape[1] };
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return { fanIn: receptive * shape[shape.length - 2], fanOut: receptive * shape[shape.length - 1] };
}

/** Normal truncated at ±2σ (as Keras' variance-scaling "normal" initialisers do). */
function truncatedNormal(rng: Rng, std: number): number {
  for (;;) {
    const v = rng.normal();
    if (Math.abs(v) <= 2) return v * std;
  }
}

/** Std of a truncated normal at ±2σ is 0.8796σ; Keras divides by it so the variance is exact. */
const TRUNC_STD = 0.87962566103423978;

/** The scale each initialiser gives, as a uniform limit or a normal std. */
export function initScale(init: Init, fanIn: number, fanOut: number): { uniform?: number; normal?: number } {
  switch (init) {
    case 'glorot_uniform':
      return { uniform: Math.sqrt(6 / (fanIn + fanOut)) };
    case 'glorot_normal':
      return { normal: Math.sqrt(2 / (fanIn + fanOut)) };
    case 'he_uniform':
      return { uniform: Math.sqrt(6 / fanIn) };
    case 'he_normal':
      return { normal: Math.sqrt(2 / fanIn) };
    case 'lecun_normal':
      return { normal: Math.sqrt(1 / fanIn) };
    case 'standard':
      // Glorot & Bengio 2010, eq. 1: W ~ U[−1/√n, 1/√n], n = fan-in
      return { uniform: 1 / Math.sqrt(fanIn) };
  }
}

export function initKernel(init: Init, shape: number[], rng: Rng): Float32Array {
  const { fanIn, fanOut } = fans(shape);
  const scale = initScale(init, fanIn, fanOut);
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  if (scale.uniform !== undefined) {
    const lim = scale.uniform;
    for (let i = 0; i < n; i++) out[i] = rng.uniform(-lim, lim);
  } else {
    const std = scale.normal! / TRUNC_STD;
    for (let i = 0; i < n; i++) out[i] = truncatedNormal(rng, std);
  }
  return out;
}
