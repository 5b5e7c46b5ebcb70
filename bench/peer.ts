/**
 * PyTorch CPU as the speed peer, measured in the same bench run (bench/pytorch-peer.py) on the
 * same reference models, never quoted from elsewhere. Absent (no python3, or no torch), the bench
 * says why and reports no ratio. Measured as a user gets it (torch's thread defaults) and at a
 * given thread count, for ratios at the same threads.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./pytorch-peer.py', import.meta.url));

export type PeerResult =
  | {
      available: true;
      model: string;
      batch: number;
      msPerStep: number;
      /** torch's intra-op threads */
      threads: number;
      /** threads of the OpenBLAS behind its matrix products, and its kernel family (absent: not OpenBLAS) */
      blasThreads?: number;
      blasCore?: string;
      torch: string;
      matmulGflops: number;
      warning?: string;
    }
  | { available: false; reason: string };

/**
 * Pythons to try, in order: $GW_PEER_PYTHON, the python3 on PATH, then Debian's (/usr/bin/python3,
 * where `apt-get install python3-torch` puts torch even when PATH finds a pyenv or venv python).
 */
function pythons(): string[] {
  return [...new Set([process.env.GW_PEER_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p))];
}

export interface PeerOptions {
  model: 'mlp' | 'cnn';
  steps: number;
  warmup: number;
  /** torch's and its BLAS's threads; absent, their defaults (as a user gets them) */
  threads?: number;
  /**
   * OPENBLAS_CORETYPE for the peer: the kernel family the workbench's native tier runs, so that both
   * sides multiply with the same kernels (OpenBLAS 0.3.21 takes this VM's CPU for a Prescott)
   */
  blasCore?: string;
}

function runPeer(python: string, o: PeerOptions): PeerResult {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // torch's set_num_threads does not reach the OpenBLAS under Debian's torch: its variable does
  if (o.threads) env.OMP_NUM_THREADS = env.OPENBLAS_NUM_THREADS = `${o.threads}`;
  if (o.blasCore) env.OPENBLAS_CORETYPE = o.blasCore;
  const args = JSON.stringify({ model: o.model, steps: o.steps, warmup: o.warmup, threads: o.threads });
  const r = spawnSync(python, [SCRIPT, args], { encoding: 'utf8', timeout: 600_000, env });
  if (r.error) return { available: false, reason: `${python} did not run: ${r.error.message}` };
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as PeerResult;
  } catch {
    return {
      available: false,
      reason: `${python}: the peer script failed (exit ${r.status}): ${r.stderr.trim().slice(-300)}`,
    };
  }
}

/** Times a reference model in PyTorch with the first python that has torch; minutes at most. */
export function measurePeer(o: PeerOptions): PeerResult {
  const reasons: string[] = [];
  for (const python of pythons()) {
    const r = runPeer(python, o);
    if (r.available) return r;
    reasons.push(r.reason);
  }
  return { available: false, reason: reasons.join('; ') };
}
