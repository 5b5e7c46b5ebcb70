/**
 * The update rules of tf.train's sgd, momentum and adam (tfjs-core 4.22: same formulas, same
 * operation order), with weight decay and a clip factor folded in, for one element in float32:
 * every operation rounds with Math.fround as tf's float32 kernels do. simd-module.ts runs the
 * same rules four elements at a time; this runs the 0–3 elements left over at a variable's end.
 */

/** The float32 coefficients, as simd-module.ts numbers them k0 … k9. */
export type Coefficients = Float32Array;

export type RuleName = 'sgd' | 'momentum' | 'adam';

const f = Math.fround;

/**
 * Updates element i: parameter `heap[w+i]`, gradient `heap[g+i]`, new parameter `heap[out+i]`,
 * state `heap[s1+i]`, `heap[s2+i]` (element offsets).
 */
export function updateElement(
  rule: RuleName,
  heap: Float32Array,
  [w, g, out, s1, s2]: [number, number, number, number, number],
  i: number,
  k: Coefficients,
): void {
  const gi = f(f(heap[g + i] + f(heap[w + i] * k[0])) * k[1]);
  let x = gi;
  if (rule === 'momentum') x = heap[s1 + i] = f(f(heap[s1 + i] * k[3]) + gi);
  if (rule === 'adam') {
    const m = (heap[s1 + i] = f(f(heap[s1 + i] * k[3]) + f(gi * k[5])));
    const v = (heap[s2 + i] = f(f(heap[s2 + i] * k[4]) + f(f(gi * gi) * k[6])));
    x = f(f(m / k[7]) / f(f(Math.sqrt(f(v / k[8]))) + k[9]));
  }
  heap[out + i] = f(f(x * k[2]) + heap[w + i]);
}
