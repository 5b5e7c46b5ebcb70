/**
 * The next step for each way the native BLAS tier fails to load. Apart from next-steps.ts, which
 * imports tfjs-core for the native packages' version: blas.ts is loaded by the Scheduler (BLAS
 * threads) in the Electron main process, which must not load tfjs.
 */
export type BlasFix =
  /** the BLAS tier's package is not in node_modules (installed with --omit=optional) */
  | { kind: 'blas-install' }
  /** the BLAS tier's package is there but its addon was not built (no compiler at install, --ignore-scripts) */
  | { kind: 'blas-build' }
  /** the addon is built but found no OpenBLAS to open (Linux) */
  | { kind: 'openblas' }
  | { kind: 'blas-off' };

const BLAS_PACKAGE = 'gradient-workbench-blas';
const BUILD_TOOLS =
  'a C compiler, make and python3 (Debian/Ubuntu: `sudo apt install build-essential python3`; macOS: `xcode-select --install`)';

/** The next step for `fix`, as one sentence a person can follow. */
export function blasNextStep(fix: BlasFix): string {
  switch (fix.kind) {
    case 'blas-install':
      return `in the workbench's folder: \`npm install\` (without --omit=optional); it builds the addon, which needs ${BUILD_TOOLS}`;
    case 'blas-build':
      return `install ${BUILD_TOOLS}, then in the workbench's folder: \`npm rebuild ${BLAS_PACKAGE}\``;
    case 'openblas':
      return "`sudo apt install libopenblas0` (Debian/Ubuntu; elsewhere your distribution's OpenBLAS package), then restart the app";
    case 'blas-off':
      return 'unset GRADIENT_WORKBENCH_BLAS (it is `off`) and restart the app';
  }
}
