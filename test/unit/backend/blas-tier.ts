/**
 * Helpers for the native tier's tests: whether the addon loads here, and an addon that counts the
 * calls it passes on to the real one (so a test can tell which path ran).
 */
import { loadBlas, resetBlasForTests, setBlasEnabled, type BlasAddon } from '../../../src/train/backend/blas.ts';
import { onCpuAndWasm } from './helpers.ts';

const load = loadBlas();
/** Why the native tests are skipped here; null when the addon loads. */
export const blasMissing: string | null = load.ok ? null : `native tier off: ${load.reason}`;
if (blasMissing !== null) console.warn(`skipping the native kernel tests (${blasMissing})`);

export type CallCounts = Record<'sgemm' | 'conv2d' | 'conv2dBackpropFilter' | 'conv2dBackpropInput', number>;

/** Installs a counting wrapper around the real addon (whatever stands in for it now); returns its live counts. */
export function countNativeCalls(): CallCounts {
  if (!load.ok) throw new Error(`the addon did not load: ${load.reason}`);
  const real = load.addon;
  const counts: CallCounts = { sgemm: 0, conv2d: 0, conv2dBackpropFilter: 0, conv2dBackpropInput: 0 };
  const counted: BlasAddon = {
    sgemm: (...a) => (counts.sgemm++, real.sgemm(...a)),
    conv2d: (...a) => (counts.conv2d++, real.conv2d(...a)),
    conv2dBackpropFilter: (...a) => (counts.conv2dBackpropFilter++, real.conv2dBackpropFilter(...a)),
    conv2dBackpropInput: (...a) => (counts.conv2dBackpropInput++, real.conv2dBackpropInput(...a)),
    setThreads: (n) => real.setThreads(n),
    info: () => real.info(),
  };
  resetBlasForTests({ ok: true, addon: counted, info: load.info });
  return counts;
}

export const totalCalls = (c: CallCounts) => Object.values(c).reduce((a, b) => a + b, 0);

/** `fn` on cpu, on wasm with the tier on, and on wasm with it switched off; leaves the tier on. */
export async function onCpuBlasAndWasm(
  fn: () => Float32Array,
): Promise<{ cpu: Float32Array; blas: Float32Array; wasm: Float32Array }> {
  const { cpu, wasm: blas } = await onCpuAndWasm(fn);
  setBlasEnabled(false);
  try {
    return { cpu, blas, wasm: fn() };
  } finally {
    setBlasEnabled(true);
  }
}
