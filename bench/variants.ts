/**
 * The rows of the bench: each backend that loads, and for wasm the native tier on and off in the
 * same process (setBlasEnabled), the tier at 1 BLAS thread and, where there are more cores, at all
 * of them (which pays only on a quiet machine: compare that row when nothing else runs).
 * Each row names the PyTorch thread count that makes a same-threads ratio.
 */
import type { ConcreteBackend } from '../src/train/backend/select.ts';

export interface Variant {
  backend: ConcreteBackend;
  /** the row's name in the JSON lines and the summary */
  label: string;
  /** wasm's native tier on or off; null for other backends */
  nativeTier: boolean | null;
  /** BLAS threads of a native-tier row; null elsewhere */
  blasThreads: number | null;
  /** the threads the row computes on, as the summary shows them */
  threads: string;
  /** PyTorch's thread count for the same-threads ratio */
  peerThreads: number;
}

/** `tierOn`: the native tier loaded in this process; `cores`: availableParallelism(). */
export function variantsFor(backend: ConcreteBackend, tierOn: boolean, cores: number): Variant[] {
  if (backend === 'cpu')
    return [{ backend, label: 'cpu', nativeTier: null, blasThreads: null, threads: '1', peerThreads: 1 }];
  if (backend !== 'wasm')
    // libtensorflow sizes its own thread pools to the machine
    return [
      { backend, label: backend, nativeTier: null, blasThreads: null, threads: `${cores} (own)`, peerThreads: cores },
    ];
  const alone: Variant = {
    backend,
    label: 'wasm alone',
    nativeTier: false,
    blasThreads: null,
    threads: '1',
    peerThreads: 1,
  };
  if (!tierOn) return [alone];
  const tier = (n: number): Variant => ({
    backend,
    label: n === 1 ? 'wasm + native tier' : `wasm + native tier, ${n} BLAS threads`,
    nativeTier: true,
    blasThreads: n,
    threads: `${n} BLAS`,
    peerThreads: n,
  });
  return cores > 1 ? [tier(1), tier(cores), alone] : [tier(1), alone];
}

/** The PyTorch thread counts the rows of these backends compare with, smallest first. */
export function peerThreadCounts(variants: Variant[]): number[] {
  return [...new Set(variants.map((v) => v.peerThreads))].sort((a, b) => a - b);
}
