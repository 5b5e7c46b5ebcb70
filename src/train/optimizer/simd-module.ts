/**
 * A tiny WebAssembly SIMD module, assembled here byte by byte, that runs the optimiser updates on
 * the wasm backend's own memory (imported), four floats at a time. We ship no wasm toolchain, and
 * JavaScript loops over the heap measured slower than tf.train's SIMD kernels; this is ~60 bytes
 * of code per rule. Every operation is float32 in tf.train's order (see rules.ts for the formulas).
 *
 * Each export is f(w, g, out, s1, s2, bytes, k0 … k9): byte addresses of the parameter, its
 * gradient, the new parameter and up to two state arrays, the byte length (a multiple of 16), and
 * ten float32 coefficients; k0 = weight decay, k1 = clip scale (g ← (g + k0·w)·k1), k2 = −lr,
 * then per rule: momentum k3 = μ; adam k3 = β₁, k4 = β₂, k5 = 1 − β₁, k6 = 1 − β₂,
 * k7 = 1 − β₁ᵗ, k8 = 1 − β₂ᵗ, k9 = ε.
 */

const I32 = 0x7f,
  F32 = 0x7d,
  V128 = 0x7b;
const PARAMS = [I32, I32, I32, I32, I32, I32, ...new Array<number>(10).fill(F32)];
/** local indices: the i32 parameters, the byte index, gradient/state temporaries, splatted k's */
const [W, G, OUT, S1, S2, BYTES] = [0, 1, 2, 3, 4, 5];
const I = 16,
  GV = 17,
  AV = 18,
  BV = 19;
const K = (j: number) => 20 + j;

const get = (l: number) => [0x20, l];
const set = (l: number) => [0x21, l];
const tee = (l: number) => [0x22, l];
const simd = (op: number) => [0xfd, ...uleb(op)];
const load = [...simd(0x00), 0, 0];
const store = [...simd(0x0b), 0, 0];
const [add, mul, div, sqrt] = [simd(0xe4), simd(0xe6), simd(0xe7), simd(0xe3)];
/** the address base + i */
const at = (base: number) => [...get(base), ...get(I), 0x6a];

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** a vector of one-byte items (or raw bytes, for a function body), length-prefixed */
const vec = (items: number[]) => [...uleb(items.length), ...items];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const name = (s: string) => vec([...Buffer.from(s, 'utf8')]);

/** (g + k0·w)·k1 into local GV */
const gradient = [...at(G), ...load, ...at(W), ...load, ...get(K(0)), ...mul, ...add, ...get(K(1)), ...mul, ...set(GV)];
/** out ← k2·x + w, x on the stack under the address of out */
const writeOut = (x: number[]) => [...at(OUT), ...x, ...get(K(2)), ...mul, ...at(W), ...load, ...add, ...store];

// prettier-ignore
const RULES: Record<'sgd' | 'momentum' | 'adam', number[]> = {
  sgd: writeOut(get(GV)),
  momentum: [...at(S1), ...at(S1), ...load, ...get(K(3)), ...mul, ...get(GV), ...add, ...tee(AV), ...store, ...writeOut(get(AV))],
  adam: [
    ...at(S1), ...at(S1), ...load, ...get(K(3)), ...mul, ...get(GV), ...get(K(5)), ...mul, ...add, ...tee(AV), ...store,
    ...at(S2), ...at(S2), ...load, ...get(K(4)), ...mul, ...get(GV), ...get(GV), ...mul, ...get(K(6)), ...mul, ...add,
    ...tee(BV), ...store,
    ...writeOut([...get(AV), ...get(K(7)), ...div, ...get(BV), ...get(K(8)), ...div, ...sqrt, ...get(K(9)), ...add, ...div]),
  ],
};

function body(rule: number[]): number[] {
  const splats = Array.from({ length: 10 }, (_, j) => [...get(6 + j), ...simd(0x13), ...set(K(j))]).flat();
  // prettier-ignore
  const loop = [
    ...[0x02, 0x40, 0x03, 0x40], // block, loop
    ...get(I), ...get(BYTES), 0x4f, 0x0d, 1, // i ≥ bytes → exit
    ...gradient, ...rule,
    ...get(I), 0x41, 16, 0x6a, ...set(I), // i += 16
    ...[0x0c, 0, 0x0b, 0x0b], // br loop, end, end
  ];
  const locals = [2, 1, I32, 13, V128]; // i; GV, AV, BV and the ten splats
  return vec([...locals, ...splats, ...loop, 0x0b]);
}

/** The module's bytes; `shared` must match the memory it will import (threaded builds share it). */
export function optimizerModuleBytes(shared: boolean): Uint8Array<ArrayBuffer> {
  const names = Object.keys(RULES) as Array<keyof typeof RULES>;
  const type = section(1, [1, 0x60, ...vec(PARAMS), 0]);
  const limits = shared ? [0x03, 0, ...uleb(65536)] : [0x00, 0];
  const imports = section(2, [1, ...name('env'), ...name('memory'), 0x02, ...limits]);
  const funcs = section(3, vec(names.map(() => 0)));
  const exports = section(7, [names.length, ...names.flatMap((n, i) => [...name(n), 0x00, i])]);
  const code = section(10, [names.length, ...names.flatMap((n) => body(RULES[n]))]);
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...type, ...imports, ...funcs, ...exports, ...code]);
}
