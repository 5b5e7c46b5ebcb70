/**
 * The main window's size, position and maximised state, remembered in a JSON file in userData.
 * A saved position that no display shows any more (a monitor unplugged) is dropped, so the
 * window never opens off-screen.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Bounds, DEFAULT_BOUNDS } from './security.ts';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface WindowState {
  bounds: Bounds;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How much of the window must stay on a display for its position to be kept (px). */
const MIN_VISIBLE = { width: 120, height: 40 };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.round(v) === v;

/** The saved state, or null for a missing, unreadable or malformed file. */
export function readWindowState(file: string): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const o = raw as { bounds?: Partial<Rect>; maximized?: unknown } | null;
  const b = o?.bounds;
  if (!b || !isInt(b.width) || !isInt(b.height) || b.width <= 0 || b.height <= 0) return null;
  const bounds: Bounds = { width: b.width, height: b.height };
  if (isInt(b.x) && isInt(b.y)) Object.assign(bounds, { x: b.x, y: b.y });
  return { bounds, maximized: o.maximized === true };
}

/** Write atomically (a temp file renamed over the old one): a crash never leaves half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2));
  renameSync(tmp, file);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The bounds to open with: the saved ones, sized to fit the display they are on, without a
 * position when no display's work area shows enough of the window; the defaults when none saved.
 */
export function restoreState(
  saved: WindowState | null,
  workAreas: Rect[],
  defaults: Bounds = DEFAULT_BOUNDS,
): WindowState {
  if (!saved) return { bounds: { ...defaults }, maximized: false };
  const { x, y, width, height } = saved.bounds;
  if (x === undefined || y === undefined)
    return { bounds: fit({ width, height }, workAreas), maximized: saved.maximized };
  const on = workAreas.find((w) => {
    const o = overlap({ x, y, width, height }, w);
    return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height;
  });
  if (!on) return { bounds: fit({ width, height }, workAreas), maximized: saved.maximized };
  return {
    bounds: { x, y, width: Math.min(width, on.width), height: Math.min(height, on.height) },
    maximized: saved.maximized,
  };
}

/** No position (the window manager centres it), no larger than the largest display. */
function fit(size: { width: number; height: number }, workAreas: Rect[]): Bounds {
  if (!workAreas.length) return size;
  return {
    width: Math.min(size.width, Math.max(...workAreas.map((w) => w.width))),
    height: Math.min(size.height, Math.max(...workAreas.map((w) => w.height))),
  };
}
