/**
 * How long a sweep will take, from finished runs like it: same trunk, data kind and backend
 * choice, a trunk of about the same size (depth × width within 2×) and about as many training
 * samples. Time per epoch is their median; runs go `parallel` at a time.
 */
import type { Spec } from '@core/experiment/spec.ts';

export interface PastRun {
  spec: Spec;
  durationMs: number | null;
  epochsDone: number;
}

export interface Estimate {
  /** median milliseconds per epoch of the similar runs */
  perEpochMs: number;
  totalMs: number;
  /** how many finished runs it rests on */
  basis: number;
}

/** the number of training samples, when the spec says it (IDX files: unknown until read) */
const samples = (s: Spec) => (s.data.kind === 'shapes' ? s.data.trainCount : (s.data.limit ?? null));
const within2x = (a: number, b: number) => a <= 2 * b && b <= 2 * a;

export function isSimilar(a: Spec, b: Spec): boolean {
  const na = samples(a);
  const nb = samples(b);
  return (
    a.model.trunk === b.model.trunk &&
    a.data.kind === b.data.kind &&
    a.backend === b.backend &&
    within2x(a.model.depth * a.model.width, b.model.depth * b.model.width) &&
    (na === null || nb === null ? na === nb : within2x(na, nb))
  );
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The estimate for `runs` runs of `spec`, or null when no finished run is similar enough. */
export function estimateSweep(spec: Spec, runs: number, parallel: number, past: readonly PastRun[]): Estimate | null {
  const perEpoch = past
    .filter((r) => r.durationMs !== null && r.durationMs > 0 && r.epochsDone > 0 && isSimilar(spec, r.spec))
    .map((r) => r.durationMs! / r.epochsDone);
  if (!perEpoch.length) return null;
  const perEpochMs = median(perEpoch);
  const waves = Math.ceil(runs / Math.max(1, parallel));
  return { perEpochMs, totalMs: perEpochMs * spec.epochs * waves, basis: perEpoch.length };
}

/** "about 2 h 5 min", "about 40 s" */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `about ${Math.max(1, s)} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `about ${min} min`;
  const h = Math.floor(min / 60);
  return `about ${h} h${min % 60 ? ` ${min % 60} min` : ''}`;
}
