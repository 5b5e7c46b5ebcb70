/**
 * Pure helpers of the Live run view: merging epoch records as they arrive, time texts, and a
 * batcher that coalesces bursts of updates into at most a few redraws per second.
 */
import type { EpochRecord, ProgressEvent } from '@core/domain/records.ts';

/**
 * `existing` plus `incoming`, ordered by epoch, one record per epoch (a later copy of an epoch
 * replaces the earlier one). Returns `existing` itself when nothing changes; appends without
 * re-sorting when the incoming epochs all follow the last one (the live case).
 */
export function mergeEpochs(existing: readonly EpochRecord[], incoming: readonly EpochRecord[]): EpochRecord[] {
  if (!incoming.length) return existing as EpochRecord[];
  let last = existing.length ? existing[existing.length - 1].epoch : 0;
  if (incoming.every((r) => r.epoch > last && ((last = r.epoch), true))) return [...existing, ...incoming];
  const byEpoch = new Map<number, EpochRecord>();
  for (const r of existing) byEpoch.set(r.epoch, r);
  for (const r of incoming) byEpoch.set(r.epoch, r);
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

/**
 * The `runs.epochs` ranges to load a run with `done` stored epochs: a small first range that
 * draws at once, then larger ones; the last is open-ended so epochs stored meanwhile come too.
 */
export function epochRanges(done: number, first = 20, size = 60): Array<{ from: number; to?: number }> {
  const out: Array<{ from: number; to?: number }> = [];
  let from = 1;
  let n = first;
  while (from + n <= done) {
    out.push({ from, to: from + n - 1 });
    from += n;
    n = size;
  }
  out.push({ from });
  return out;
}

/** 42 s, 3 min 05 s, 1 h 02 min; "<1 s" under a second. */
export function durationText(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  if (ms < 1000) return '<1 s';
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** The ETA line under the progress bar. */
export function etaText(etaMs: number | null | undefined): string {
  if (etaMs === null || etaMs === undefined) return 'estimating time left…';
  if (etaMs <= 0) return 'finishing…';
  return `about ${durationText(etaMs)} left`;
}

/** "epoch 3/10 · batch 12/32 · loss 0.4213" */
export function progressText(p: ProgressEvent): string {
  const loss = Number.isFinite(p.loss) ? p.loss.toPrecision(4) : String(p.loss);
  return `epoch ${p.epoch}/${p.epochs} · batch ${p.batch}/${p.batches} · loss ${loss}`;
}

export interface Batcher {
  /** ask for a run of `fn`; many asks within the interval make one run */
  schedule(): void;
  /** run now if something is pending */
  flush(): void;
  cancel(): void;
}

/**
 * Coalesce: `fn` runs at most once per `minIntervalMs`, on an animation frame when there is one
 * (so a hidden window does no drawing work), otherwise on a timer.
 */
export function createBatcher(
  fn: () => void,
  minIntervalMs = 250,
  now: () => number = () => performance.now(),
): Batcher {
  let pending = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let frame: number | null = null;
  let lastRun = -Infinity;
  const raf = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : null;
  const run = () => {
    timer = null;
    frame = null;
    if (!pending) return;
    pending = false;
    lastRun = now();
    fn();
  };
  const onTimer = () => {
    timer = null;
    if (raf) frame = raf(run);
    else run();
  };
  return {
    schedule() {
      pending = true;
      if (timer !== null || frame !== null) return;
      timer = setTimeout(onTimer, Math.max(0, lastRun + minIntervalMs - now()));
    },
    flush() {
      if (timer !== null) clearTimeout(timer);
      if (frame !== null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
      run();
    },
    cancel() {
      pending = false;
      if (timer !== null) clearTimeout(timer);
      if (frame !== null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
      timer = frame = null;
    },
  };
}
