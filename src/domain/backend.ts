/** Which backend trained a run, and why each better one was not used. */
export interface BackendReport {
  name: string;
  /** e.g. `wasm (simd, 1 thread)` */
  detail: string;
  skipped: Array<{ name: string; reason: string }>;
  /** largest |difference| of the parity self-test against `cpu`, null when not run (cpu itself) */
  parityMaxAbsDiff: number | null;
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
}
