/**
 * The optimiser's state (momentum; Adam's two moments) as flat float32 buffers on the wasm heap,
 * one slot per variable, allocated through the backend and grown when a variable first appears.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type * as tf from '@tensorflow/tfjs-core';

/** The emscripten module's memory (its typings come from @types/emscripten, which we do not install). */
interface WasmModuleMemory {
  HEAPU8: Uint8Array;
  asm?: { memory?: WebAssembly.Memory };
}

/**
 * The wasm module's memory as floats; take it after any allocation (growth replaces the buffer).
 * The memory object itself is always current; HEAPU8 is the fallback where it is not exported.
 */
export function heapF32(backend: BackendWasm): Float32Array {
  const m = backend.wasm as unknown as WasmModuleMemory;
  return new Float32Array(m.asm?.memory?.buffer ?? m.HEAPU8.buffer);
}

export class FlatState {
  private readonly slots = new Map<string, number>();
  private buffers: tf.TensorInfo[] = [];
  private used = 0;

  constructor(
    private readonly backend: BackendWasm,
    private readonly count: number,
  ) {}

  /** Element offset of `name`'s slot within each buffer (multiples of 4, so SIMD lanes line up). */
  slot(name: string, size: number): number {
    const known = this.slots.get(name);
    if (known !== undefined) return known;
    const offset = this.used;
    this.used += Math.ceil(size / 4) * 4;
    this.slots.set(name, offset);
    if (this.count > 0) this.grow(offset);
    return offset;
  }

  /** Element offsets of the buffers on the heap. */
  bases(): number[] {
    return this.buffers.map((b) => this.backend.getMemoryOffset(b.dataId) / 4);
  }

  /** New buffers of `used` floats keeping the first `keep`, the rest zero. */
  private grow(keep: number): void {
    const next = Array.from({ length: this.count }, () => this.backend.makeOutput([this.used], 'float32'));
    const heap = heapF32(this.backend);
    next.forEach((b, j) => {
      const to = this.backend.getMemoryOffset(b.dataId) / 4;
      if (keep > 0) {
        const from = this.backend.getMemoryOffset(this.buffers[j].dataId) / 4;
        heap.copyWithin(to, from, from + keep);
      }
      heap.fill(0, to + keep, to + this.used);
    });
    this.dispose();
    this.buffers = next;
  }

  dispose(): void {
    for (const b of this.buffers) this.backend.disposeData(b.dataId);
    this.buffers = [];
  }
}
