import { describe, expect, it } from 'vitest';
import { explainLoad, explainLoadError, explainNoGpu, withoutPaths } from '../../../src/train/backend/explain.ts';

const GPU = '@tensorflow/tfjs-node-gpu';

function err(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

/** what the brief forbids in any text a diagnosis shows */
const PATHISH = /\/src\/|node_modules\/|[\w/.-]+\.ts\b/;

describe('explainLoadError', () => {
  it('explains a package that is not installed, keeping the original message without its source path', () => {
    const e = err(
      `Cannot find package '${GPU}' imported from /app/src/train/backend/native.ts`,
      'ERR_MODULE_NOT_FOUND',
    );
    expect(explainLoadError(GPU, e)).toBe(
      'not installed: its install downloads libtensorflow from storage.googleapis.com, which failed or was skipped ' +
        `(optional dependency) (Cannot find package '${GPU}')`,
    );
    expect(explainLoad(GPU, e).next).toMatch(
      /`npm install @tensorflow\/tfjs-node-gpu@4\.\d+\.\d+`; it also needs CUDA 11\.2 and cuDNN 8\.1/,
    );
    const cpu = explainLoad(
      '@tensorflow/tfjs-node',
      err("Cannot find package '@tensorflow/tfjs-node'", 'ERR_MODULE_NOT_FOUND'),
    );
    expect(cpu.next).toMatch(/`npm install @tensorflow\/tfjs-node@4\.\d+\.\d+`$/);
  });

  it('tells a missing native addon from a missing package', () => {
    const e = err(`Cannot find module '/app/node_modules/${GPU}/lib/napi-v8/tfjs_binding.node'`, 'MODULE_NOT_FOUND');
    const x = explainLoad(GPU, e);
    expect(x.reason).toMatch(/^installed without its native addon \(tfjs_binding\.node\).*'tfjs_binding\.node'\)$/);
    expect(x.next).toContain('`npm rebuild @tensorflow/tfjs-node-gpu`');
  });

  it('names a missing dependency of an installed package', () => {
    const e = err("Cannot find module '@tensorflow/tfjs'\nRequire stack:\n- …", 'MODULE_NOT_FOUND');
    expect(explainLoadError(GPU, e)).toBe(
      "installed, but its dependency @tensorflow/tfjs is missing (Cannot find module '@tensorflow/tfjs')",
    );
  });

  it('maps missing CUDA libraries to the package that provides them', () => {
    const cudart = explainLoad(
      GPU,
      err('libcudart.so.11.0: cannot open shared object file: No such file or directory'),
    );
    expect(cudart.reason).toBe(
      'CUDA 11.2 runtime (libcudart.so.11.0) not found ' +
        '(libcudart.so.11.0: cannot open shared object file: No such file or directory)',
    );
    expect(cudart.next).toMatch(/sudo apt install cuda-cudart-11-2`.*sudo apt install libcudart11\.0`.*ldconfig/);
    const cudnn = explainLoad(GPU, err('libcudnn.so.8: cannot open shared object file'));
    expect(cudnn.reason).toMatch(/^cuDNN 8 \(libcudnn\.so\.8\) not found/);
    expect(cudnn.next).toContain('libcudnn8=8.1.1.33-1+cuda11.2');
    const cublas = explainLoad(GPU, err('libcublas.so.11: cannot open shared object file'));
    expect(cublas.reason).toMatch(/^CUDA library libcublas\.so\.11 not found/);
    expect(cublas.next).toContain('libcublas-11-2');
  });

  it('maps a missing libtensorflow and an old glibc, without the library paths', () => {
    const lib = err('libtensorflow.so.2: cannot open shared object file: No such file or directory');
    expect(explainLoadError('@tensorflow/tfjs-node', lib)).toMatch(/^libtensorflow is missing: /);
    expect(explainLoad('@tensorflow/tfjs-node', lib).next).toContain('npm rebuild @tensorflow/tfjs-node');
    const glibc = explainLoad(GPU, err("/lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.29' not found"));
    expect(glibc.reason).toMatch(/glibc.*\(libc\.so\.6: version `GLIBC_2\.29' not found\)$/);
    expect(glibc.next).toMatch(/glibc 2\.28 or later/);
  });

  it('falls back to the raw message, first line only, with an install step', () => {
    expect(explainLoadError(GPU, err('boom\n    at somewhere'))).toBe('failed to load (boom)');
    expect(explainLoadError(GPU, 'a string')).toBe('failed to load (a string)');
    expect(explainLoad(GPU, 'a string').next).toContain(`npm install ${GPU}@`);
  });
});

describe('explainNoGpu', () => {
  it('names every missing CUDA library and its package, else the driver', () => {
    const both = explainNoGpu(['libcudart.so.11.0', 'libcudnn.so.8']);
    expect(both.reason).toMatch(/^CUDA 11\.2 runtime libraries not found: libcudart\.so\.11\.0, libcudnn\.so\.8/);
    expect(both.next).toContain('sudo apt install cuda-cudart-11-2 libcudnn8=8.1.1.33-1+cuda11.2');
    expect(explainNoGpu(['libcudnn.so.8']).reason).toMatch(/^cuDNN 8 \(libcudnn\.so\.8\) not found/);
    const none = explainNoGpu([]);
    expect(none.reason).toMatch(/^no CUDA GPU visible/);
    expect(none.next).toMatch(/nvidia-smi.*nvidia-driver/);
  });
});

describe('no source paths in any diagnosis text', () => {
  const raw: Array<[string, string | undefined]> = [
    [`Cannot find package '${GPU}' imported from /work/main/src/train/backend/native.ts`, 'ERR_MODULE_NOT_FOUND'],
    [`Cannot find module '/opt/app/node_modules/${GPU}/lib/napi-v8/tfjs_binding.node'`, 'MODULE_NOT_FOUND'],
    [
      "/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.29' not found (required by /a/node_modules/x/y.node)",
      undefined,
    ],
    ['failed at file:///home/me/gw/src/train/backend/wasm.ts:12:3', undefined],
    ["ENOENT: no such file or directory, open 'node_modules/@tensorflow/tfjs-backend-wasm/dist/x.wasm'", undefined],
    ['C:\\Users\\me\\gw\\src\\train\\worker.ts failed', undefined],
    ['TypeError in src/train/backend/select.ts:40', undefined],
  ];
  it.each(raw)('%s', (message, code) => {
    const x = explainLoad(GPU, err(message, code));
    for (const text of [x.reason, x.next ?? '']) expect(text).not.toMatch(PATHISH);
    expect(withoutPaths(message)).not.toMatch(PATHISH);
  });

  it('keeps package names and plain ratios', () => {
    expect(withoutPaths('uses @tensorflow/tfjs-core 4.1.0 and 1/2 of the time')).toBe(
      'uses @tensorflow/tfjs-core 4.1.0 and 1/2 of the time',
    );
  });
});
