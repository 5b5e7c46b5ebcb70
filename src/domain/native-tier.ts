/**
 * The native BLAS tier as a backend report or diagnosis carries it (`nativeTier`, optional: absent
 * from runs stored before the tier existed, and from backends it does not apply to), and the one
 * line of text the CLI and Settings print for it. Browser-safe.
 */

import type { NativeTier } from './backend.ts';

export type { NativeTier };

/** The tier of a report or diagnosis, when it has one. */
export function nativeTierOf(x: object): NativeTier | undefined {
  const t = (x as { nativeTier?: NativeTier | null }).nativeTier;
  return t ?? undefined;
}

/** e.g. `native BLAS tier: on (OpenBLAS 0.3.21, 1 thread)` or `native BLAS tier: off (not installed: …)` */
export function nativeTierText(t: NativeTier): string {
  const why = t.on ? t.detail : t.reason;
  return `native BLAS tier: ${t.on ? 'on' : 'off'}${why ? ` (${why})` : ''}`;
}
