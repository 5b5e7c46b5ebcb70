/**
 * Turns raw load failures of the native TensorFlow packages into a reason and the exact next step
 * a user can take. Reasons keep the original message in parentheses, with file paths cut down to
 * their file names: a path into this app's sources or node_modules helps no user and leaks the layout.
 */
import { errorMessage } from '../../runtime/error-text.ts';
import { nextStepFor, type Fix } from './next-steps.ts';

export { errorMessage, withoutPaths } from '../../runtime/error-text.ts';

/** What went wrong, and what to do about it. */
export interface Explanation {
  reason: string;
  /** one concrete action (a command, a package to install); null when there is nothing to do */
  next: string | null;
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? (err as { code?: string }).code : undefined;
}

interface Rule {
  test: (message: string, code: string | undefined, pkg: string) => boolean;
  explain: (message: string, pkg: string) => { reason: string; fix: Fix };
}

const NOT_FOUND_CODES = new Set(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND']);

/** The quoted module name of "Cannot find package 'x'" / "Cannot find module 'x'". */
function missingModule(message: string): string | null {
  return /Cannot find (?:package|module) '([^']+)'/.exec(message)?.[1] ?? null;
}

const cudaLib = (m: string, re: RegExp, fallback: string) => re.exec(m)?.[0] ?? fallback;

const RULES: Rule[] = [
  {
    test: (m) => /tfjs_binding\.node/.test(m),
    explain: (_m, pkg) => ({
      reason: 'installed without its native addon (tfjs_binding.node): the install script was skipped or failed',
      fix: { kind: 'rebuild', pkg },
    }),
  },
  {
    test: (m, code, pkg) => NOT_FOUND_CODES.has(code ?? '') && missingModule(m) === pkg,
    explain: (_m, pkg) => ({
      reason:
        'not installed: its install downloads libtensorflow from storage.googleapis.com, which failed or was skipped (optional dependency)',
      fix: { kind: 'install', pkg },
    }),
  },
  {
    test: (m, code) => NOT_FOUND_CODES.has(code ?? '') && missingModule(m) !== null,
    explain: (m, pkg) => ({
      reason: `installed, but its dependency ${missingModule(m)} is missing`,
      fix: { kind: 'install', pkg },
    }),
  },
  {
    test: (m) => m.includes('libcudart.so'),
    explain: (m) => {
      const lib = cudaLib(m, /libcudart\.so[.\d]*/, 'libcudart.so.11.0');
      return { reason: `CUDA 11.2 runtime (${lib}) not found`, fix: { kind: 'cuda', missing: [lib] } };
    },
  },
  {
    test: (m) => m.includes('libcudnn.so'),
    explain: (m) => {
      const lib = cudaLib(m, /libcudnn\.so[.\d]*/, 'libcudnn.so.8');
      return { reason: `cuDNN 8 (${lib}) not found`, fix: { kind: 'cuda', missing: [lib] } };
    },
  },
  {
    test: (m) => /libcu(?:blas|blasLt|fft|rand|solver|sparse)\.so/.test(m),
    explain: (m) => {
      const lib = cudaLib(m, /libcu\w+\.so[.\d]*/, 'libcublas.so.11');
      return { reason: `CUDA library ${lib} not found`, fix: { kind: 'cuda', missing: [lib] } };
    },
  },
  {
    test: (m) => /libtensorflow(?:_framework)?\.so/.test(m),
    explain: (_m, pkg) => ({
      reason: 'libtensorflow is missing: the install downloads it from storage.googleapis.com',
      fix: { kind: 'rebuild', pkg },
    }),
  },
  {
    test: (m) => /GLIBC(?:XX)?_\d/.test(m),
    explain: () => ({
      reason: "the prebuilt libtensorflow needs a newer glibc/libstdc++ than this system's",
      fix: { kind: 'glibc' },
    }),
  },
];

/** Why importing `pkg` failed and what to do, e.g. "not installed: … (Cannot find package …)". */
export function explainLoad(pkg: string, err: unknown): Explanation {
  const message = errorMessage(err);
  const rule = RULES.find((r) => r.test(message, errorCode(err), pkg));
  const found = rule ? rule.explain(message, pkg) : { reason: 'failed to load', fix: { kind: 'install', pkg } as Fix };
  return { reason: `${found.reason} (${message})`, next: nextStepFor(found.fix) };
}

/** The reason alone, as a backend report's `skipped` list stores it. */
export function explainLoadError(pkg: string, err: unknown): string {
  return explainLoad(pkg, err).reason;
}

/**
 * Why tfjs-node-gpu loaded but TensorFlow registered no GPU: TF only logs the missing CUDA
 * libraries to stderr and falls back to the CPU, so we look for them ourselves.
 */
export function explainNoGpu(missingLibraries: string[]): Explanation {
  const fellBack = '(TensorFlow fell back to the CPU)';
  if (missingLibraries.length) {
    const names = missingLibraries.join(', ');
    const what = missingLibraries.every((l) => l.startsWith('libcudnn'))
      ? `cuDNN 8 (${names}) not found`
      : `CUDA 11.2 runtime libraries not found: ${names}`;
    return { reason: `${what} ${fellBack}`, next: nextStepFor({ kind: 'cuda', missing: missingLibraries }) };
  }
  return {
    reason: 'no CUDA GPU visible to TensorFlow (driver not loaded, unsupported GPU, or CUDA_VISIBLE_DEVICES hides it)',
    next: nextStepFor({ kind: 'driver' }),
  };
}
