/**
 * The one-pass optimiser for the wasm backend. tf.train runs about ten kernels per variable per
 * step (a quarter of the MLP's step on wasm); this runs one SIMD pass per variable over the wasm
 * heap (simd-module.ts): gradient, decay and clip factor in, new parameter and state out, with
 * the state in flat buffers (flat-state.ts). Parameters get new tensors (assign), never in-place
 * writes: snapshots of the kernels share their data (layer-records.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { FlatState, heapF32 } from './flat-state.ts';
import { updateElement } from './rules.ts';
import { optimizerModuleBytes } from './simd-module.ts';
import type { OptimizerOptions, OptimizerSpec, StepOptimizer } from './types.ts';

/** tf.train.adam's defaults, which createOptimizer never changes. */
const BETA1 = 0.9;
const BETA2 = 0.999;

type Rule = (w: number, g: number, out: number, s1: number, s2: number, bytes: number, ...k: number[]) => void;

/** Instantiates the SIMD rules on the backend's memory; throws where WebAssembly SIMD is unavailable. */
function instantiate(backend: BackendWasm): Record<OptimizerSpec['kind'], Rule> {
  const memory = (backend.wasm as unknown as { asm?: { memory?: WebAssembly.Memory } }).asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) throw new Error('the wasm backend does not expose its memory');
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const module = new WebAssembly.Module(optimizerModuleBytes(shared));
  return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Record<string, Rule>;
}

export class FusedWasmOptimizer implements StepOptimizer {
  private readonly backend: BackendWasm;
  private readonly rule: Rule;
  private readonly state: FlatState;
  private accBeta1 = Math.fround(BETA1);
  private accBeta2 = Math.fround(BETA2);

  constructor(
    private readonly spec: OptimizerSpec,
    private readonly options: OptimizerOptions,
  ) {
    this.backend = tf.backend() as BackendWasm;
    this.rule = instantiate(this.backend)[spec.kind];
    this.state = new FlatState(this.backend, spec.kind === 'adam' ? 2 : spec.kind === 'momentum' ? 1 : 0);
  }

  applyGradients(grads: tf.NamedTensorMap): void {
    const names = Object.keys(grads).filter((n) => grads[n] != null);
    const vars = names.map((n) => {
      const v = tf.engine().registeredVariables[n];
      if (v === undefined) throw new Error(`optimizer: gradient '${n}' names no registered variable`);
      if (grads[n].size !== v.size)
        throw new Error(`optimizer: gradient '${n}' has ${grads[n].size} values, not ${v.size}`);
      return v;
    });
    // allocate everything first: an allocation may grow (and so replace) the heap
    const slots = names.map((n, i) => this.state.slot(n, vars[i].size));
    const outs = vars.map((v) => this.backend.makeOutput(v.shape, 'float32'));
    const heap = heapF32(this.backend);
    const at = (info: tf.TensorInfo) => this.backend.getMemoryOffset(info.dataId) / 4;
    const [s1 = 0, s2 = 0] = this.state.bases();
    const k = this.coefficients();
    k[1] = this.clipScale(heap, names, grads, vars);
    names.forEach((n, i) => {
      const offsets: [number, number, number, number, number] = [
        at(vars[i]),
        at(grads[n]),
        at(outs[i]),
        s1 + slots[i],
        s2 + slots[i],
      ];
      k[0] = this.options.decayed.has(n) ? Math.fround(this.spec.weightDecay) : 0;
      const size = vars[i].size;
      const simd = size & ~3;
      this.rule(...(offsets.map((o) => o * 4) as typeof offsets), simd * 4, ...k);
      for (let e = simd; e < size; e++) updateElement(this.spec.kind, heap, offsets, e, k);
    });
    this.finishStep();
    outs.forEach((info, i) => {
      const t = tf.engine().makeTensorFromTensorInfo(info, this.backend);
      vars[i].assign(t);
      t.dispose();
    });
  }

  /** k0 … k9 as simd-module.ts numbers them (k0, k1 filled in per call). */
  private coefficients(): Float32Array {
    const { kind, learningRate, momentum } = this.spec;
    const k = new Float32Array(10);
    k[2] = -learningRate;
    if (kind === 'momentum') k[3] = momentum;
    if (kind === 'adam')
      k.set([BETA1, BETA2, 1 - BETA1, 1 - BETA2, 1 - this.accBeta1, 1 - this.accBeta2, this.backend.epsilon()], 3);
    return k;
  }

  /** min(1, clipNorm / ‖g + decay·w‖₂) over all variables; 1 without clipping. */
  private clipScale(heap: Float32Array, names: string[], grads: tf.NamedTensorMap, vars: tf.Variable[]): number {
    const { clipNorm, weightDecay } = this.spec;
    if (clipNorm === undefined) return 1;
    let sq = 0;
    names.forEach((n, i) => {
      const g = this.backend.getMemoryOffset(grads[n].dataId) / 4;
      const w = this.backend.getMemoryOffset(vars[i].dataId) / 4;
      const decay = this.options.decayed.has(n) ? Math.fround(weightDecay) : 0;
      for (let e = 0; e < vars[i].size; e++) {
        const d = Math.fround(heap[g + e] + Math.fround(heap[w + e] * decay));
        sq += d * d;
      }
    });
    return Math.min(1, Math.fround(Math.fround(clipNorm) / Math.max(Math.fround(Math.sqrt(sq)), 1e-12)));
  }

  private finishStep(): void {
    if (this.spec.kind !== 'adam') return;
    this.accBeta1 = Math.fround(this.accBeta1 * Math.fround(BETA1));
    this.accBeta2 = Math.fround(this.accBeta2 * Math.fround(BETA2));
  }

  dispose(): void {
    this.state.dispose();
  }
}
