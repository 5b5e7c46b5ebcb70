/**
 * The optional native tier: `gradient-workbench-blas` (native/blas), an addon built at install time
 * that runs matrix products and convolutions-as-matrix-products on the system BLAS (OpenBLAS on
 * Linux, opened at run time; Accelerate on macOS), on Float32Array views the caller owns — on the
 * wasm backend, views of its heap. Absent, unbuildable, or without OpenBLAS at run time, the wasm
 * backend keeps its own kernels and the report says why the tier is off and what would turn it on.
 *
 * `GRADIENT_WORKBENCH_BLAS=off` turns the tier off (to compare, or to rule it out);
 * `GRADIENT_WORKBENCH_BLAS_ADDON=/abs/path/gw_blas.node` loads that build of the addon instead of the
 * installed package (a rebuilt native/blas checked before it is installed).
 */
import { requireNative } from '../../runtime/paths.ts';
import type { NativeTier } from '../../domain/backend.ts';
import { errorMessage } from '../../runtime/error-text.ts';
import { blasNextStep as nextStepFor } from './blas-next-steps.ts';

/** What the addon says of the BLAS it opened; `error` alone when it could not open one. */
export interface BlasInfo {
  library: string;
  config?: string;
  /** the kernel family OpenBLAS runs (e.g. SkylakeX) */
  core?: string;
  /** set when the addon chose the core type (OPENBLAS_CORETYPE) because the CPU has the instructions */
  forcedCore?: string;
  /** threads BLAS calls use; 0 when the library chooses (Accelerate) */
  threads?: number;
  error?: string;
}

/** Conv geometry: n inH inW inC outH outW outC kH kW sH sW dH dW padTop padLeft. */
export type ConvGeometry = Int32Array;

export interface BlasAddon {
  /** c [m, n] = op(a) · op(b) + beta · c, row-major; throws RangeError when an array is too short */
  sgemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    a: Float32Array,
    b: Float32Array,
    c: Float32Array,
    beta?: number,
  ): void;
  /** x NHWC, filter HWIO → y NHWC */
  conv2d(g: ConvGeometry, x: Float32Array, filter: Float32Array, y: Float32Array): void;
  conv2dBackpropFilter(g: ConvGeometry, x: Float32Array, dy: Float32Array, dFilter: Float32Array): void;
  conv2dBackpropInput(g: ConvGeometry, dy: Float32Array, filter: Float32Array, dx: Float32Array): void;
  /**
   * The epoch statistics' host loops (native/blas hoststats.c), bit-identical to host-stats.ts and
   * stats.ts summarize, on any Float32Array; absent from a build of the addon that predates them.
   * The summaries are summarize's sums (finishSummary's order); see src/train/fused-stats.ts.
   */
  gradientStats?(
    g: Float32Array,
    hist: Float64Array,
    log10: Float64Array,
    start: Uint16Array,
    next: Uint32Array,
    out: Float64Array,
  ): void;
  /** out[8] = the saturated count for act 1 (sigmoid), 2 (tanh), 3 (≤ 0 saturates); left as is for 0 (linear) */
  arrayStats?(v: Float32Array, act: number, out: Float64Array): void;
  /** out = ‖w‖², ‖w − before‖², ‖before‖², ‖w − start‖², ‖start‖² */
  weightNorms?(w: Float32Array, before: Float32Array, start: Float32Array, out: Float64Array): void;
  dot?(a: Float32Array, b: Float32Array): number;
  /** BLAS threads for the whole process (every trainer in it) */
  setThreads(n: number): void;
  info(): BlasInfo;
}

export const BLAS_PACKAGE = 'gradient-workbench-blas';

export type BlasLoad =
  { ok: true; addon: BlasAddon; info: BlasInfo } | { ok: false; reason: string; next: string | null };

let cached: BlasLoad | undefined;
/** switched off in this thread by setBlasEnabled(false) (bench and tests compare both paths) */
let enabled = true;
/** why it was switched off, for the report */
let offReason = 'switched off in this thread';

/**
 * Why the addon did not load, told apart so the next step works: a missing package needs `npm install`
 * (`npm rebuild` finds nothing to build), a package whose build failed needs build tools and a rebuild.
 */
export function explainBlasLoadError(err: unknown): BlasLoad & { ok: false } {
  const code = (err as { code?: string }).code;
  const message = errorMessage(err);
  // native/blas/install.cjs recorded node-gyp's reason, and index.cjs throws it
  if (code === 'GW_BLAS_NOT_BUILT') return { ok: false, reason: message, next: nextStepFor({ kind: 'blas-build' }) };
  if (code === 'MODULE_NOT_FOUND' && message.includes(`'${BLAS_PACKAGE}'`))
    return {
      ok: false,
      reason: 'not installed: an optional dependency, left out (--omit=optional) or removed by a failed install',
      next: nextStepFor({ kind: 'blas-install' }),
    };
  if (code === 'MODULE_NOT_FOUND')
    return {
      ok: false,
      reason: 'installed but not built: its install script did not run (--ignore-scripts?)',
      next: nextStepFor({ kind: 'blas-build' }),
    };
  return { ok: false, reason: `failed to load (${message})`, next: nextStepFor({ kind: 'blas-build' }) };
}

function tryLoad(): BlasLoad {
  if (process.env.GRADIENT_WORKBENCH_BLAS === 'off')
    return { ok: false, reason: 'turned off (GRADIENT_WORKBENCH_BLAS=off)', next: nextStepFor({ kind: 'blas-off' }) };
  const file = process.env.GRADIENT_WORKBENCH_BLAS_ADDON;
  let addon: BlasAddon;
  try {
    addon = requireNative(file || BLAS_PACKAGE) as BlasAddon;
  } catch (err) {
    if (file)
      return {
        ok: false,
        reason: `GRADIENT_WORKBENCH_BLAS_ADDON=${file} failed to load (${errorMessage(err)})`,
        next: 'point GRADIENT_WORKBENCH_BLAS_ADDON at a built gw_blas.node, or unset it',
      };
    return explainBlasLoadError(err);
  }
  const info = addon.info();
  if (info.error !== undefined)
    return {
      ok: false,
      reason: info.error,
      next: process.platform === 'linux' ? nextStepFor({ kind: 'openblas' }) : null,
    };
  return { ok: true, addon, info };
}

/** The addon, loaded once per thread; the BLAS behind it is opened once per process. */
export function loadBlas(): BlasLoad {
  cached ??= tryLoad();
  return cached;
}

/** The addon when the tier is on (loaded and not switched off in this thread), else null. Kernels ask per call. */
export function blasAddon(): BlasAddon | null {
  if (!enabled) return null;
  const l = loadBlas();
  return l.ok ? l.addon : null;
}

/**
 * Switches the tier off or back on for this thread's kernels (the parity gate, the bench's
 * side-by-side, tests); `reason` is what the report says while it is off.
 */
export function setBlasEnabled(on: boolean, reason = 'switched off in this thread'): void {
  enabled = on;
  offReason = reason;
}

/** Whether this thread's kernels run on the tier, and if not why not. */
export function blasTier(): NativeTier {
  const l = loadBlas();
  if (!l.ok) return { on: false, detail: null, reason: l.reason, next: l.next };
  if (!enabled) return { on: false, detail: null, reason: offReason, next: null };
  return { on: true, detail: blasDetail(), reason: null, next: null };
}

/** e.g. `OpenBLAS 0.3.21, SkylakeX kernels (chosen by the workbench), 1 thread`; null when off. */
export function blasDetail(): string | null {
  const l = loadBlas();
  if (!l.ok || !enabled) return null;
  const info = l.addon.info();
  const version = /OpenBLAS ([\d.]+)/.exec(info.config ?? '')?.[1];
  const name = version ? `${info.library} ${version}` : info.library;
  const core =
    info.core && info.core !== 'system'
      ? `, ${info.core} kernels${info.forcedCore ? ' (chosen by the workbench)' : ''}`
      : '';
  const t = info.threads ?? 0;
  const threads = t > 0 ? `, ${t} thread${t === 1 ? '' : 's'}` : '';
  return `${name}${core}${threads}`;
}

/** Sets the BLAS threads of this process (all its trainers); no-op when the tier is off. */
export function setBlasThreads(n: number): void {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`BLAS threads: must be an integer ≥ 1 (got ${n})`);
  blasAddon()?.setThreads(n);
}

/**
 * For tests: forget the cached load (the env switches are read again), or stand `load` in for it
 * (an addon that computes wrong results, to test the parity gate).
 */
export function resetBlasForTests(load?: BlasLoad): void {
  cached = load;
  enabled = true;
}
