/**
 * Ctrl-C during `run`: the first interrupt cancels, a later one quits at once. Started through npm
 * or npx, one keypress arrives twice — from the terminal to the whole process group, and again
 * forwarded by npm — so interrupts within `windowMs` of the first count as that one.
 */
import type { Events } from '../api/contract.ts';

export interface InterruptOptions {
  onFirst(): void;
  onSecond(): void;
  /** how long after the first interrupt a repeat is the same keypress, ms */
  windowMs?: number;
  now?: () => number;
}

export const SAME_KEYPRESS_MS = 1000;

export function interruptHandler(o: InterruptOptions): { handle: () => void; interrupted: () => boolean } {
  const now = o.now ?? Date.now;
  let first: number | null = null;
  let quitting = false;
  return {
    handle: () => {
      if (first === null) {
        first = now();
        o.onFirst();
      } else if (!quitting && now() - first > (o.windowMs ?? SAME_KEYPRESS_MS)) {
        quitting = true;
        o.onSecond();
      }
    },
    interrupted: () => first !== null,
  };
}

/** How the runs of an interrupted `run` ended, in one line; runs with no end yet count as unfinished. */
export function closingLine(runIds: string[], finished: ReadonlyMap<string, Events['run.finished']>): string {
  const counts = new Map<string, number>();
  for (const id of runIds) {
    const status = finished.get(id)?.status ?? 'unfinished';
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  const parts = [...counts].map(([status, n]) => `${n} ${status}`);
  return `interrupted: ${runIds.length} run(s): ${parts.join(', ') || 'none started'}`;
}
