/**
 * PyTorch CPU as the speed peer, measured in the same bench run (bench/pytorch-peer.py) on the
 * same reference models, never quoted from elsewhere. Absent (no python3, or no torch), the bench
 * says why and reports no ratio.
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
      threads: number;
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

function runPeer(python: string, args: string): PeerResult {
  const r = spawnSync(python, [SCRIPT, args], { encoding: 'utf8', timeout: 600_000 });
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

/** Times `model` ('mlp' | 'cnn') in PyTorch with the first python that has torch; minutes at most. */
export function measurePeer(model: string, steps: number, warmup: number): PeerResult {
  const reasons: string[] = [];
  for (const python of pythons()) {
    const r = runPeer(python, JSON.stringify({ model, steps, warmup }));
    if (r.available) return r;
    reasons.push(r.reason);
  }
  return { available: false, reason: reasons.join('; ') };
}
