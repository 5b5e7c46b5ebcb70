/**
 * Rasterising one synthetic shape: per-pixel inside tests at pixel centres, visiting only the
 * shape's bounding box. Shapes are described in their own frame, in units of their radius.
 */
import type { SHAPE_KINDS } from '../experiment/spec.ts';

export type ShapeKind = (typeof SHAPE_KINDS)[number];

/** One shape on the canvas. */
export interface ShapeGeometry {
  kind: ShapeKind;
  /** centre, pixels from the left / top edge */
  cx: number;
  cy: number;
  /** radius, pixels */
  r: number;
  /** rotation, radians */
  theta: number;
}

/** Where a shape is painted: sample `offset` (in pixels) of H×W arrays with side `size`. */
export interface Canvas {
  size: number;
  clean: Float32Array;
  mask: Float32Array;
  offset: number;
}

const RING_INNER_SQ = 0.55 * 0.55;
const SQUARE_HALF = 0.75;
const CROSS_ARM = 0.3;
/** half-width of the diamond across its short axis; elongated so a rotated diamond is no square */
const DIAMOND_HALF = 0.6;
const SIN60 = Math.sqrt(3) / 2;
/** every shape lies within this many radii of its centre (the square's corner: 0.75·√2 ≈ 1.06) */
const EXTENT = 1.1;
/** foreground darkens by up to this fraction towards the rim: soft, not flat, intensities */
const SHADE = 0.15;

/** Inside tests in the shape's frame; (u, v) in radii. */
const INSIDE: Record<ShapeKind, (u: number, v: number) => boolean> = {
  circle: (u, v) => u * u + v * v <= 1,
  ring: (u, v) => {
    const d = u * u + v * v;
    return d <= 1 && d >= RING_INNER_SQ;
  },
  square: (u, v) => Math.abs(u) <= SQUARE_HALF && Math.abs(v) <= SQUARE_HALF,
  // equilateral, circumradius 1: each edge lies at the inradius 0.5 from the centre
  triangle: (u, v) => v <= 0.5 && -SIN60 * u - 0.5 * v <= 0.5 && SIN60 * u - 0.5 * v <= 0.5,
  cross: (u, v) => {
    const a = Math.abs(u);
    const b = Math.abs(v);
    return (a <= CROSS_ARM && b <= 1) || (b <= CROSS_ARM && a <= 1);
  },
  diamond: (u, v) => Math.abs(u) / DIAMOND_HALF + Math.abs(v) <= 1,
};

/** Rotation matters only for shapes without full rotational symmetry. */
export function isRotatable(kind: ShapeKind): boolean {
  return kind !== 'circle' && kind !== 'ring';
}

/**
 * Paints shape `g` with foreground intensity `fg` (0..1) over whatever background `canvas.clean`
 * holds, and sets its pixels in `canvas.mask` to 1. Returns the number of pixels painted; when a
 * shape is so small that no pixel centre falls inside, the pixel under its centre is painted so
 * that no mask is ever empty.
 */
export function paintShape(g: ShapeGeometry, fg: number, canvas: Canvas): number {
  const { size, clean, mask, offset } = canvas;
  const inside = INSIDE[g.kind];
  const reach = g.r * EXTENT;
  const x0 = Math.max(0, Math.floor(g.cx - reach));
  const x1 = Math.min(size - 1, Math.ceil(g.cx + reach));
  const y0 = Math.max(0, Math.floor(g.cy - reach));
  const y1 = Math.min(size - 1, Math.ceil(g.cy + reach));
  const cos = Math.cos(g.theta) / g.r;
  const sin = Math.sin(g.theta) / g.r;
  let painted = 0;
  for (let y = y0; y <= y1; y++) {
    const dy = y + 0.5 - g.cy;
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - g.cx;
      const u = cos * dx + sin * dy;
      const v = cos * dy - sin * dx;
      if (!inside(u, v)) continue;
      const i = offset + y * size + x;
      clean[i] = fg * (1 - SHADE * Math.min(1, u * u + v * v));
      mask[i] = 1;
      painted++;
    }
  }
  if (painted === 0) {
    const x = Math.min(size - 1, Math.max(0, Math.floor(g.cx)));
    const y = Math.min(size - 1, Math.max(0, Math.floor(g.cy)));
    clean[offset + y * size + x] = fg;
    mask[offset + y * size + x] = 1;
    painted = 1;
  }
  return painted;
}
