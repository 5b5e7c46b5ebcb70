import { describe, expect, it } from 'vitest';
import { explainLoadError, explainNoGpu } from '../../../src/train/backend/explain.ts';

const GPU = '@tensorflow/tfjs-node-gpu';

function err(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

describe('explainLoadError', () => {
  it('explains a package that is not installed, keeping the original message', () => {
    const e = err(
      `Cannot find package '${GPU}' imported from /app/src/train/backend/native.ts`,
      'ERR_MODULE_NOT_FOUND',
    );
    expect(explainLoadError(GPU, e)).toBe(
      'not installed: its install downloads libtensorflow from storage.googleapis.com, which failed or was skipped ' +
        `(optional dependency) (Cannot find package '${GPU}' imported from /app/src/train/backend/native.ts)`,
    );
  });

  it('tells a missing native addon from a missing package', () => {
    const e = err(`Cannot find module '/app/node_modules/${GPU}/lib/napi-v8/tfjs_binding.node'`, 'MODULE_NOT_FOUND');
    expect(explainLoadError(GPU, e)).toMatch(
      /^installed without its native addon .*npm rebuild @tensorflow\/tfjs-node-gpu/,
    );
  });

  it('names a missing dependency of an installed package', () => {
    const e = err("Cannot find module '@tensorflow/tfjs'\nRequire stack:\n- …", 'MODULE_NOT_FOUND');
    expect(explainLoadError(GPU, e)).toBe(
      "installed, but its dependency @tensorflow/tfjs is missing — reinstall it (Cannot find module '@tensorflow/tfjs')",
    );
  });

  it('maps missing CUDA libraries to what to install', () => {
    const cudart = err('libcudart.so.11.0: cannot open shared object file: No such file or directory');
    expect(explainLoadError(GPU, cudart)).toBe(
      'CUDA 11.2 runtime (libcudart.so.11.0) not found — install CUDA 11.2 and cuDNN 8.1 ' +
        '(libcudart.so.11.0: cannot open shared object file: No such file or directory)',
    );
    expect(explainLoadError(GPU, err('libcudnn.so.8: cannot open shared object file'))).toMatch(
      /^cuDNN 8 .*cuDNN 8\.1/,
    );
    expect(explainLoadError(GPU, err('libcublas.so.11: cannot open shared object file'))).toMatch(
      /^CUDA library libcublas\.so\.11 not found/,
    );
  });

  it('maps a missing libtensorflow and an old glibc', () => {
    const lib = err('libtensorflow.so.2: cannot open shared object file: No such file or directory');
    expect(explainLoadError('@tensorflow/tfjs-node', lib)).toMatch(/^libtensorflow is missing: .*npm rebuild/);
    expect(explainLoadError(GPU, err("/lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.29' not found"))).toMatch(
      /glibc/,
    );
  });

  it('falls back to the raw message, first line only', () => {
    expect(explainLoadError(GPU, err('boom\n    at somewhere'))).toBe('failed to load (boom)');
    expect(explainLoadError(GPU, 'a string')).toBe('failed to load (a string)');
  });
});

describe('explainNoGpu', () => {
  it('names the first missing CUDA library, else the device', () => {
    expect(explainNoGpu(['libcudart.so.11.0', 'libcudnn.so.8'])).toMatch(
      /^CUDA 11\.2 runtime \(libcudart\.so\.11\.0\) not found/,
    );
    expect(explainNoGpu(['libcudnn.so.8'])).toMatch(/^cuDNN 8 \(libcudnn\.so\.8\) not found/);
    expect(explainNoGpu([])).toMatch(/^no CUDA GPU visible/);
  });
});
