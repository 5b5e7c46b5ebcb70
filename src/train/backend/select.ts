/**
 * Choosing the tfjs backend a trainer runs on (DESIGN.md, Backends).
 *
 * 'auto' takes the first that loads of: tensorflow-gpu (tfjs-node-gpu, CUDA), tensorflow
 * (tfjs-node, libtensorflow on CPU), wasm (with our training kernels, if it passes the parity
 * self-test against cpu), cpu. Each better one skipped is reported with a human reason.
 * A named preference forces that backend or throws BackendUnavailableError.
 *
 * The tfjs engine is global per thread: call this in the trainer's worker before building a model.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { BackendName } from '../../experiment/spec.ts';
import type { BackendReport, NativeTier } from '../../domain/backend.ts';
import { blasAddon, blasTier, setBlasEnabled } from './blas.ts';
import { errorMessage, explainNoGpu } from './explain.ts';
import { gpuDeviceName, loadNative, missingCudaLibraries, nativeUsesGpu, type NativeKind } from './native.ts';
import { PARITY_LIMIT, parityAgainstCpu } from './parity.ts';
import { configureWasm, wasmDetail } from './wasm.ts';

export type ConcreteBackend = Exclude<BackendName, 'auto'>;

/** Preference order of 'auto', best first. */
export const AUTO_ORDER: readonly ConcreteBackend[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

/** Native results may differ from cpu by more than wasm's (TF32 matmuls on recent GPUs). */
const NATIVE_PARITY_LIMIT = 1e-2;

export class BackendUnavailableError extends Error {
  constructor(
    readonly backend: ConcreteBackend,
    readonly reason: string,
  ) {
    super(`backend '${backend}' is unavailable: ${reason}`);
    this.name = 'BackendUnavailableError';
  }
}

type Attempt = (
  { ok: true; detail: string; parity: number | null } | { ok: false; reason: string; next?: string | null }
) & { nativeTier?: NativeTier };

function parityVerdict(diff: number, limit: number, detail: string): Attempt {
  if (diff <= limit) return { ok: true, detail, parity: diff };
  return {
    ok: false,
    reason: `parity self-test against cpu failed: max |diff| ${diff.toExponential(2)} > ${limit}`,
    next: 'nothing to install: auto skips it; name another backend in the spec to avoid it',
  };
}

async function activateNative(kind: NativeKind): Promise<Attempt> {
  const load = await loadNative(kind);
  if (!load.ok) return load;
  if (!(await tf.setBackend('tensorflow')))
    return { ok: false, reason: `${load.pkg} loaded, but its backend failed to initialise`, next: null };
  let detail = 'tensorflow (libtensorflow, CPU)';
  if (kind === 'tensorflow-gpu') {
    if (!nativeUsesGpu()) return { ok: false, ...explainNoGpu(await missingCudaLibraries()) };
    detail = `tensorflow-gpu (CUDA: ${(await gpuDeviceName()) ?? 'device name unavailable'})`;
  } else if (load.pkg.endsWith('-gpu')) {
    detail = `tensorflow (libtensorflow of ${load.pkg}${nativeUsesGpu() ? ', on the GPU' : ', CPU'})`;
  }
  return parityVerdict(await parityAgainstCpu('tensorflow'), NATIVE_PARITY_LIMIT, detail);
}

/**
 * wasm, gated by the parity self-test. With the native tier on the test runs its kernels (all four
 * are in the test network); if they fail it, the tier is switched off for this thread, the test runs
 * again on wasm's own kernels, and the report says why the tier is off.
 */
async function activateWasm(): Promise<Attempt> {
  try {
    configureWasm();
    if (!(await tf.setBackend('wasm'))) return { ok: false, reason: 'the wasm module failed to initialise' };
  } catch (err) {
    return { ok: false, reason: `failed to load (${errorMessage(err)})` };
  }
  let diff = await parityAgainstCpu('wasm');
  if (blasAddon() !== null && !(diff <= PARITY_LIMIT)) {
    setBlasEnabled(
      false,
      `parity self-test against cpu failed with its kernels: max |diff| ${diff.toExponential(2)} > ${PARITY_LIMIT}; ` +
        'wasm runs its own kernels instead',
    );
    diff = await parityAgainstCpu('wasm');
  }
  return { ...parityVerdict(diff, PARITY_LIMIT, await wasmDetail()), nativeTier: blasTier() };
}

async function activateCpu(): Promise<Attempt> {
  if (!(await tf.setBackend('cpu'))) return { ok: false, reason: 'the cpu backend failed to initialise' };
  return { ok: true, detail: 'cpu (plain JavaScript, 1 thread)', parity: null };
}

/** Tries to make `name` the active backend; on failure the active backend is unspecified. */
async function activate(name: ConcreteBackend): Promise<Attempt> {
  try {
    if (name === 'wasm') return await activateWasm();
    if (name === 'cpu') return await activateCpu();
    return await activateNative(name);
  } catch (err) {
    return { ok: false, reason: `failed (${errorMessage(err)})` };
  }
}

/** `{ nativeTier }` when the attempt reports one (wasm), else nothing: other reports stay as they were. */
const tier = (a: Attempt) => (a.nativeTier ? { nativeTier: a.nativeTier } : {});

/**
 * Activates the backend for `preference` and reports it. 'auto' never throws (cpu is last);
 * a named backend that cannot be used throws BackendUnavailableError with the reason.
 */
export async function selectBackend(preference: BackendName): Promise<BackendReport> {
  if (preference !== 'auto') {
    const attempt = await activate(preference);
    if (!attempt.ok) throw new BackendUnavailableError(preference, attempt.reason);
    return {
      name: preference,
      detail: attempt.detail,
      skipped: [],
      parityMaxAbsDiff: attempt.parity,
      ...tier(attempt),
    };
  }
  const skipped: BackendReport['skipped'] = [];
  for (const name of AUTO_ORDER) {
    const attempt = await activate(name);
    if (attempt.ok)
      return { name, detail: attempt.detail, skipped, parityMaxAbsDiff: attempt.parity, ...tier(attempt) };
    skipped.push({ name, reason: attempt.reason });
  }
  throw new Error(`no tfjs backend could be used: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

export interface BackendDiagnosis {
  name: ConcreteBackend;
  available: boolean;
  /** why it cannot be used; null when available */
  reason: string | null;
  /** e.g. `wasm (SIMD, 1 thread)`; null when unavailable */
  detail: string | null;
  /** what to do so it loads (a command, a package); null when available or nothing can be done */
  nextStep: string | null;
  /** the wasm backend's native tier, when wasm was tried */
  nativeTier?: NativeTier;
}

/**
 * Tries every backend and reports which could be used, for a diagnostics screen. The backend
 * active before the call is active again afterwards (tfjs can only test a backend by running
 * ops on it, so it switches while it runs: do not call this during training in the same thread).
 */
export async function diagnoseBackends(): Promise<BackendDiagnosis[]> {
  const previous = tf.engine().backendName as string | null;
  const out: BackendDiagnosis[] = [];
  try {
    for (const name of AUTO_ORDER) {
      const a = await activate(name);
      out.push(
        a.ok
          ? { name, available: true, reason: null, detail: a.detail, nextStep: null, ...tier(a) }
          : { name, available: false, reason: a.reason, detail: null, nextStep: a.next ?? null, ...tier(a) },
      );
    }
  } finally {
    if (previous) await tf.setBackend(previous);
  }
  return out;
}
