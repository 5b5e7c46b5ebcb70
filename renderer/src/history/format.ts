/** How run facts read in tables (History, Compare): short, and '—' for unknown. */
import type { MetricSummary } from '@core/domain/runs.ts';

export const DASH = '—';

/** 850 ms, 12.3 s, 4 m 05 s, 2 h 07 m */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} m ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} m`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local time, minutes: 2026-11-29 09:02 */
export function formatCreated(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return DASH;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A number in 4 significant digits, small and large ones in exponent form. */
export function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined) return DASH;
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return String(+v.toPrecision(4));
}

/** The vanishing ratio as log10 with two decimals (−3.21 = the first layer gets 1/1600 of the last's gradient). */
export function formatLog10(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !(ratio > 0) || !Number.isFinite(ratio)) return DASH;
  return Math.log10(ratio).toFixed(2).replace('-', '−');
}

const SHORT: Record<string, string> = {
  accuracy: 'acc',
  pixel_acc: 'pix',
  loss: 'loss',
  iou: 'iou',
  mse: 'mse',
  mae: 'mae',
};

/**
 * "cls acc 0.912 loss 0.23 · seg iou 0.41": final val metrics, tasks in stored order, losses last;
 * `brief` leaves a task's loss out when it has another metric (the table cell; the tooltip has all).
 */
export function formatMetrics(m: MetricSummary, brief = false): string {
  const parts = Object.entries(m).map(([task, metrics]) => {
    let names = Object.keys(metrics).sort((a, b) => Number(a === 'loss') - Number(b === 'loss'));
    if (brief && names.some((n) => n !== 'loss')) names = names.filter((n) => n !== 'loss');
    return `${task} ${names.map((n) => `${SHORT[n] ?? n} ${formatNumber(metrics[n])}`).join(' ')}`;
  });
  return parts.length ? parts.join(' · ') : DASH;
}

/** characters kept visible at a name's end: sweep runs differ there ("… λ=0.3 act=tanh") */
export const NAME_TAIL = 14;

/**
 * A name as the part that may be cut (with "…") and the end that stays whole, so a narrow column
 * cuts sweep names in the middle, not exactly where they differ.
 */
export function splitName(name: string, tail = NAME_TAIL): { head: string; tail: string } {
  if (name.length <= tail + 3) return { head: name, tail: '' };
  return { head: name.slice(0, -tail), tail: name.slice(-tail) };
}
