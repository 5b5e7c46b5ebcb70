/** The native tier seen from compiled code: its loader bundled as the workers are, run from an app folder. */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { COMMONJS_BANNER, importMetaAtBundleDepth, NATIVE } from '../../electron/build.ts';
import { ROOT } from '../../src/runtime/paths.ts';
import { run } from './scenario-runner.ts';

export const BLAS = 'gradient-workbench-blas';
/**
 * The trainer puts the tier in its backend report once the kernels branch lands (BackendReport.nativeTier);
 * until then there is nothing to read, and the test on it is skipped rather than passed vacuously.
 */
export const REPORTS_TIER = readFileSync(join(ROOT, 'src/domain/backend.ts'), 'utf8').includes('nativeTier');

/** The native tier's loader bundled as the workers are, into `appDir`/dist/desktop, run there: what it found. */
export async function probeBlasFrom(appDir: string): Promise<Record<string, unknown>> {
  const outfile = join(appDir, 'dist/desktop/blas-probe.mjs');
  await build({
    entryPoints: [join(ROOT, 'test/electron/fixtures/blas-probe.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: NATIVE,
    banner: { js: COMMONJS_BANNER },
    define: { __GW_BUNDLE__: 'true' },
    logLevel: 'silent',
    plugins: [importMetaAtBundleDepth],
  });
  const r = await run(process.execPath, [outfile]);
  expect(r.code, r.output).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}
