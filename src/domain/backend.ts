/**
 * The wasm backend's optional native tier (matrix products and convolutions on the system BLAS):
 * whether its kernels ran, on what, or why not and what would turn it on.
 */
export interface NativeTier {
  on: boolean;
  /** e.g. `OpenBLAS 0.3.21, SkylakeX kernels (chosen by the workbench), 1 thread`; null when off */
  detail: string | null;
  /** why it is off; null when on */
  reason: string | null;
  /** what would turn it on (a command, a package); null when on or nothing can be done */
  next: string | null;
}

/** Which backend trained a run, and why each better one was not used. */
export interface BackendReport {
  name: string;
  /** e.g. `wasm (simd, 1 thread)` */
  detail: string;
  skipped: Array<{ name: string; reason: string }>;
  /** largest |difference| of the parity self-test against `cpu`, null when not run (cpu itself) */
  parityMaxAbsDiff: number | null;
  /** the wasm backend's native tier; absent for other backends and in reports stored before it existed */
  nativeTier?: NativeTier;
}

/** One backend as `backends.diagnose` found it on this machine. */
export interface BackendDiagnosis {
  name: string;
  available: boolean;
  /** why it cannot be used; null when available */
  reason: string | null;
  detail: string | null;
  /** what to do so it loads (a command, a package); null when available or nothing can be done */
  nextStep: string | null;
  /** the wasm backend's native tier, when wasm was tried */
  nativeTier?: NativeTier;
}
