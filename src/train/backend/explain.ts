/**
 * Turns raw load failures of the native TensorFlow packages into explanations a user can act
 * on. Every reason keeps the original message in parentheses.
 */

/** First line of an error's message, without the stack. */
export function errorMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  return raw.split('\n')[0].trim();
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? (err as { code?: string }).code : undefined;
}

interface Rule {
  test: (message: string, code: string | undefined, pkg: string) => boolean;
  explain: (message: string, pkg: string) => string;
}

const NOT_FOUND_CODES = new Set(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND']);

/** The quoted module name of "Cannot find package 'x'" / "Cannot find module 'x'". */
function missingModule(message: string): string | null {
  return /Cannot find (?:package|module) '([^']+)'/.exec(message)?.[1] ?? null;
}

const RULES: Rule[] = [
  {
    test: (m) => /tfjs_binding\.node/.test(m),
    explain: (_m, pkg) =>
      `installed without its native addon (tfjs_binding.node): the install script was skipped or failed — run \`npm rebuild ${pkg}\``,
  },
  {
    test: (m, code, pkg) => NOT_FOUND_CODES.has(code ?? '') && missingModule(m) === pkg,
    explain: () =>
      'not installed: its install downloads libtensorflow from storage.googleapis.com, which failed or was skipped (optional dependency)',
  },
  {
    test: (m, code) => NOT_FOUND_CODES.has(code ?? '') && missingModule(m) !== null,
    explain: (m) => `installed, but its dependency ${missingModule(m)} is missing — reinstall it`,
  },
  {
    test: (m) => m.includes('libcudart.so'),
    explain: (m) => {
      const lib = /libcudart\.so[.\d]*/.exec(m)?.[0] ?? 'libcudart.so.11.0';
      return `CUDA 11.2 runtime (${lib}) not found — install CUDA 11.2 and cuDNN 8.1`;
    },
  },
  {
    test: (m) => m.includes('libcudnn.so'),
    explain: () => 'cuDNN 8 (libcudnn.so.8) not found — install cuDNN 8.1 for CUDA 11.2',
  },
  {
    test: (m) => /libcu(?:blas|blasLt|fft|rand|solver|sparse)\.so/.test(m),
    explain: (m) =>
      `CUDA library ${/libcu\w+\.so[.\d]*/.exec(m)?.[0]} not found — install the CUDA 11.2 toolkit libraries`,
  },
  {
    test: (m) => /libtensorflow(?:_framework)?\.so/.test(m),
    explain: (_m, pkg) =>
      `libtensorflow is missing: the install downloads it from storage.googleapis.com — run \`npm rebuild ${pkg}\` where that host is reachable`,
  },
  {
    test: (m) => /GLIBC(?:XX)?_\d/.test(m),
    explain: () => "the prebuilt libtensorflow needs a newer glibc/libstdc++ than this system's",
  },
];

/** Explains why importing `pkg` failed, e.g. "not installed: … (Cannot find package …)". */
export function explainLoadError(pkg: string, err: unknown): string {
  const message = errorMessage(err);
  const code = errorCode(err);
  const rule = RULES.find((r) => r.test(message, code, pkg));
  const explanation = rule ? rule.explain(message, pkg) : 'failed to load';
  return `${explanation} (${message})`;
}

/**
 * Why tfjs-node-gpu loaded but TensorFlow registered no GPU: TF only logs the missing CUDA
 * libraries to stderr and falls back to the CPU, so we look for them ourselves.
 */
export function explainNoGpu(missingLibraries: string[]): string {
  if (missingLibraries.includes('libcudart.so.11.0')) {
    return 'CUDA 11.2 runtime (libcudart.so.11.0) not found — install CUDA 11.2 and cuDNN 8.1 (TensorFlow fell back to the CPU)';
  }
  if (missingLibraries.includes('libcudnn.so.8')) {
    return 'cuDNN 8 (libcudnn.so.8) not found — install cuDNN 8.1 for CUDA 11.2 (TensorFlow fell back to the CPU)';
  }
  return 'no CUDA GPU visible to TensorFlow (driver not loaded, unsupported GPU, or CUDA_VISIBLE_DEVICES hides it)';
}
